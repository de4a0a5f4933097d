using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// Maps escape counts to 8-bit gray: the set (never escaped) is black, fast escapes dark, slow escapes
/// bright, on a square-root ramp so the thin filaments near the boundary stay visible.
/// </summary>
public static class GrayscaleImage
{
    public static byte[] FromCounts(int[] counts, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var pixels = new byte[counts.Length];
        var scale = 255.0 / Math.Sqrt(Math.Max(1, maxIterations));
        for (var k = 0; k < counts.Length; k++)
        {
            var n = counts[k];
            pixels[k] = n >= maxIterations ? (byte)0 : (byte)Math.Min(255, 1 + (int)(Math.Sqrt(n) * scale));
        }

        return pixels;
    }

    public static byte[] FromResult(RenderResult result) => FromCounts(result.Counts, result.MaxIterations);
}
