using System.Diagnostics;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine;

/// <summary>
/// Solves requests: validates them, builds the grid, checks memory before allocating anything, runs the
/// kernel (timed alone) and summarises the counts. The one entry point the CLI and cmdlets call.
/// </summary>
public static class MandelbrotEngine
{
    /// <summary>Validates a request and resolves its kernel without computing anything.</summary>
    public static (Kernel Kernel, PixelGrid Grid) Prepare(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var kernel = KernelRegistry.Get(request.Kernel);
        if (!kernel.Availability.IsAvailable)
        {
            throw new KernelUnavailableException(kernel.Name, kernel.Availability.Reason ?? "not available on this machine");
        }

        if (!kernel.Supports(request.Precision))
        {
            throw new RequestValidationException(nameof(RenderRequest.Precision),
                $"kernel {kernel.Name} does not compute in {request.Precision}; allowed: {string.Join(", ", kernel.Precisions)}");
        }

        var grid = PixelGrid.For(request);
        MemoryBudget.EnsureFits(grid.Width, grid.Height, kernel.WorkingBytesPerPixel);
        return (kernel, grid);
    }

    public static RenderResult Render(RenderRequest request, CancellationToken cancellation = default)
    {
        var (kernel, grid) = Prepare(request);
        var counts = new int[grid.PixelCount];
        var elapsed = request.Precision == Precision.Single
            ? Run<float>(kernel, grid, request, counts, cancellation)
            : Run<double>(kernel, grid, request, counts, cancellation);
        return new RenderResult(request, kernel.Name, grid.Width, grid.Height, counts, elapsed);
    }

    private static TimeSpan Run<T>(Kernel kernel, PixelGrid grid, RenderRequest request, int[] counts, CancellationToken cancellation)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (x, y) = grid.Coordinates<T>();
        var job = new KernelJob<T>(x, y, request.MaxIterations, counts, request.Options, cancellation);
        var clock = Stopwatch.StartNew();
        kernel.Compute(job);
        return clock.Elapsed;
    }
}
