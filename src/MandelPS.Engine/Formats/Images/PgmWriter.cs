using System.Text;

namespace MandelPS.Engine.Formats.Images;

/// <summary>Netpbm binary graymap (P5): a text header, then one byte per pixel, row-major.</summary>
public static class PgmWriter
{
    public static void Write(Stream stream, int width, int height, ReadOnlySpan<byte> gray)
    {
        ImageWriter.RequireSize(width, height, gray.Length);
        stream.Write(Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n"));
        stream.Write(gray);
    }
}
