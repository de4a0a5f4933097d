using System.Text;

namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// Netpbm binary bitmap (P4): a text header, then each row packed 8 pixels per byte, most significant
/// bit first, rows padded to a whole byte. A 1 bit is a pixel in the set (never escaped).
/// </summary>
public static class PbmWriter
{
    public static void Write(Stream stream, int width, int height, int[] counts, int maxIterations, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(counts);
        ImageWriter.RequireSize(width, height, counts.Length);
        WriteHeader(stream, width, height);
        var row = new byte[(width + 7) / 8];
        for (var j = 0; j < height; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            PackRow(counts.AsSpan(j * width, width), maxIterations, row);
            stream.Write(row);
        }
    }

    /// <summary>The text header, "P4\n{width} {height}\n".</summary>
    public static void WriteHeader(Stream stream, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encoding.ASCII.GetBytes($"P4\n{width} {height}\n"));
    }

    /// <summary>Packs one row of counts into bits (1 = never escaped), MSB first.</summary>
    public static void PackRow(ReadOnlySpan<int> counts, int maxIterations, Span<byte> packed)
    {
        packed.Clear();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] >= maxIterations)
            {
                packed[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }
    }
}
