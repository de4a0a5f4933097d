using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine;

/// <summary>
/// Solves requests: validates them, builds the grid, checks memory before allocating anything, runs the
/// kernel (timed alone) and summarises the counts. The one entry point the CLI and cmdlets call.
/// </summary>
public static class MandelbrotEngine
{
    /// <summary>Validates a request and resolves its kernel and grid, refusing before any large allocation.</summary>
    public static (Kernel Kernel, PixelGrid Grid) Validate(RenderRequest request)
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

        return (kernel, GridThatFits(request, kernel));
    }

    /// <summary>Validates and allocates once, for repeated runs (measurement).</summary>
    public static PreparedRender Prepare(RenderRequest request)
    {
        var (kernel, grid) = Validate(request);
        return new PreparedRender(request, kernel, grid);
    }

    /// <summary>Prepares a validated request for a kernel outside the registry (tests of the harness's gate).</summary>
    internal static PreparedRender Prepare(RenderRequest request, Kernel kernel)
    {
        request.Validate();
        return new PreparedRender(request, kernel, GridThatFits(request, kernel));
    }

    /// <summary>The request's grid, once its counts and the kernel's working arrays are known to fit.</summary>
    private static PixelGrid GridThatFits(RenderRequest request, Kernel kernel)
    {
        var grid = PixelGrid.For(request);
        MemoryBudget.EnsureFits(grid.Width, grid.Height, kernel.WorkingBytesPerPixel);
        return grid;
    }

    public static RenderResult Render(RenderRequest request, CancellationToken cancellation = default) =>
        Prepare(request).RunOnce(cancellation);
}
