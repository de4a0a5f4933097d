namespace MandelPS.Engine.Formats.Images;

/// <summary>A whole grey picture as a binary graymap (P5) in one call (cost maps, small images).</summary>
public static class PgmWriter
{
    public static void Write(Stream stream, int width, int height, ReadOnlySpan<byte> gray)
    {
        ImageWriter.RequireSize(width, height, gray.Length);
        using var pgm = new PnmWriter(stream, width, height, 1);
        for (var row = 0; row < height; row++)
        {
            pgm.WriteRow(gray.Slice(row * width, width));
        }

        pgm.Finish();
    }
}
