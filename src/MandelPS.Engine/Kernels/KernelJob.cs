using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Everything a kernel needs for one solve, already resolved by the plan: coordinates rounded to T, the
/// output buffer (row-major, Width*Height), the iteration limit, the vector width, thread count and
/// block size that will really be used, and the cancellation token.
/// </summary>
public sealed class KernelJob<T>
{
    internal KernelJob(T[] x, T[] y, int maxIterations, int[] counts, VectorWidth vectorWidth, int threads, int blockSize, int escapeInterval, CancellationToken cancellation)
    {
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
