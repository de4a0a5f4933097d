namespace MandelPS.Gpu.Kernels;

/// <summary>
/// How many rows a device computes per launch: bounded by its largest allocation (an image bigger than
/// one buffer runs in bands instead of failing) and by a work budget, so Ctrl+C is honoured between
/// bands within about a second even on a slow CPU device.
/// </summary>
internal static class RowBands
{
    public static int RowsPerBand(int width, int height, int maxIterations, long maxAllocationBytes, long iterationsPerBand, int bytesPerPixel = sizeof(int))
    {
        var byAllocation = maxAllocationBytes / ((long)width * bytesPerPixel);
        var byWork = iterationsPerBand / ((long)width * maxIterations);
        return (int)Math.Clamp(Math.Min(byAllocation, byWork), 1, height);
    }
}
