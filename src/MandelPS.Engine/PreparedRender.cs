using System.Diagnostics;
using System.Numerics;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine;

/// <summary>
/// A validated request with its kernel, grid, coordinates and counts buffer in place, ready to run any
/// number of times. Repeated runs reuse the buffer, so a measurement times the kernel and not the
/// allocation and first-touch page faults of a fresh (possibly 64 MB) array.
/// </summary>
public sealed class PreparedRender
{
    private readonly int[] _counts;

    internal PreparedRender(RenderRequest request, Kernel kernel, PixelGrid grid)
    {
        Request = request;
        Kernel = kernel;
        Grid = grid;
        _counts = new int[grid.PixelCount];
    }

    public RenderRequest Request { get; }

    public Kernel Kernel { get; }

    public PixelGrid Grid { get; }

    /// <summary>Runs the kernel once into the shared buffer; returns the kernel's wall time alone.</summary>
    public TimeSpan Run(CancellationToken cancellation = default) => Request.Precision == Precision.Single
        ? Run<float>(cancellation)
        : Run<double>(cancellation);

    /// <summary>The counts of the latest run, copied into a result of their own.</summary>
    public RenderResult Snapshot(TimeSpan elapsed) =>
        new(Request, Kernel.Name, Grid.Width, Grid.Height, (int[])_counts.Clone(), elapsed);

    /// <summary>Runs once and hands the buffer itself to the result (no copy): the prepared render is spent.</summary>
    internal RenderResult RunOnce(CancellationToken cancellation)
    {
        var elapsed = Run(cancellation);
        return new RenderResult(Request, Kernel.Name, Grid.Width, Grid.Height, _counts, elapsed);
    }

    private TimeSpan Run<T>(CancellationToken cancellation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Grid.Coordinates<T>();
        var job = new KernelJob<T>(x, y, Request.MaxIterations, _counts, Request.Options, cancellation);
        var clock = Stopwatch.StartNew();
        Kernel.Compute(job);
        return clock.Elapsed;
    }
}
