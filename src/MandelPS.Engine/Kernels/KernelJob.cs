using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Everything a kernel needs for one solve: coordinates already rounded to T, the output buffer
/// (row-major, Width*Height), the iteration limit, options and the cancellation token.
/// </summary>
public sealed class KernelJob<T>
{
    public KernelJob(T[] x, T[] y, int maxIterations, int[] counts, KernelOptions options, CancellationToken cancellation)
    {
        X = x;
        Y = y;
        MaxIterations = maxIterations;
        Counts = counts;
        Options = options;
        Cancellation = cancellation;
    }

    public T[] X { get; }

    public T[] Y { get; }

    public int Width => X.Length;

    public int Height => Y.Length;

    public int MaxIterations { get; }

    public int[] Counts { get; }

    public KernelOptions Options { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The slice of <see cref="Counts"/> holding row j.</summary>
    public Span<int> Row(int j) => Counts.AsSpan(j * X.Length, X.Length);
}
