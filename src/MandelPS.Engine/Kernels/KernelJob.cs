using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Everything a kernel needs for one solve, already resolved by the plan: coordinates rounded to T, the
/// output buffer (row-major, Width*Height), the iteration limit, the vector width, thread count and
/// block size that will really be used, and the cancellation token.
/// </summary>
public sealed class KernelJob<T>
{
    internal KernelJob(RenderPlan plan, T[] x, T[] y, int[] counts, PhaseLog phases, CancellationToken cancellation)
    {
        Plan = plan;
        Phases = phases;
        var (maxIterations, vectorWidth, threads, blockSize, escapeInterval) = (plan.MaxIterations, plan.VectorWidth, plan.Threads, plan.BlockSize, plan.EscapeInterval);
        X = x;
        Y = y;
        MaxIterations = maxIterations;
        Counts = counts;
        VectorWidth = vectorWidth;
        Threads = threads;
        BlockSize = blockSize;
        EscapeInterval = escapeInterval;
        Cancellation = cancellation;
    }

    /// <summary>The plan being solved: what a kernel with options of its own (a device, a formula) reads them from.</summary>
    public RenderPlan Plan { get; }

    /// <summary>Where a kernel that times its own phases (compile, upload, compute, download) records them.</summary>
    public PhaseLog Phases { get; }

    public T[] X { get; }

    public T[] Y { get; }

    public int Width => X.Length;

    public int Height => Y.Length;

    public int MaxIterations { get; }

    public int[] Counts { get; }

    /// <summary>The accelerated width to run (None for kernels without SIMD).</summary>
    public VectorWidth VectorWidth { get; }

    /// <summary>Worker threads (1 for serial kernels).</summary>
    public int Threads { get; }

    /// <summary>Pixels per block (0 for kernels that do not work in blocks).</summary>
    public int BlockSize { get; }

    /// <summary>Iterations between escape tests (0 for kernels that test every iteration).</summary>
    public int EscapeInterval { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The slice of <see cref="Counts"/> holding row j.</summary>
    public Span<int> Row(int j) => Counts.AsSpan(j * X.Length, X.Length);
}
