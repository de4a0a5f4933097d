using System.Globalization;
using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Problem;

/// <summary>Refuses, before allocating, a grid whose counts (plus a kernel's working arrays) cannot fit.</summary>
public static class MemoryBudget
{
    /// <summary>Bytes the process may use: the GC's limit (container- and machine-aware).</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    public static void EnsureFits(long width, long height, int workingBytesPerPixel)
    {
        var pixels = width * height;
        if (pixels > Limits.MaxPixelsPerArray)
        {
            throw MandelPSException.Invalid("Width", string.Create(CultureInfo.InvariantCulture,
                $"{width}x{height} = {pixels:N0} pixels; at most {Limits.MaxPixelsPerArray:N0} pixels fit one counts array (render large images in tiles)"));
        }

        var needed = pixels * (sizeof(int) + (long)workingBytesPerPixel);
        var available = AvailableBytes;
        if (needed > available)
        {
            throw MandelPSException.Invalid("Width", string.Create(CultureInfo.InvariantCulture,
                $"{width}x{height} needs {Gib(needed)} but this process may use {Gib(available)}; reduce Width or Height"));
        }
    }

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB");
}
