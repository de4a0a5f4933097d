using System.Numerics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// One way of solving the escape-time problem. A kernel fills escape counts for a grid; everything else
/// (validation, grid, timing, summaries) belongs to <see cref="MandelbrotEngine"/>, so kernels stay small.
/// </summary>
public abstract class Kernel
{
    private static readonly Precision[] BothPrecisions = [Precision.Double, Precision.Single];

    /// <summary>The registry name users type (case-insensitive).</summary>
    public abstract string Name { get; }

    /// <summary>The technique demonstrated, in one line.</summary>
    public abstract string Technique { get; }

    public abstract KernelFamily Family { get; }

    /// <summary>True if the counts must equal the reference kernel's bit for bit.</summary>
    public abstract bool IsExact { get; }

    public virtual IReadOnlyList<Precision> Precisions => BothPrecisions;

    public virtual KernelAvailability Availability => KernelAvailability.Available;

    /// <summary>Extra working memory per pixel beyond the counts, for the out-of-memory check.</summary>
    public virtual int WorkingBytesPerPixel => 0;

    /// <summary>True if the kernel honours <c>VectorWidth</c>.</summary>
    public virtual bool UsesSimd => false;

    /// <summary>True if the kernel honours <c>DegreeOfParallelism</c>.</summary>
    public virtual bool UsesThreads => Family == KernelFamily.Parallel;

    public bool Supports(Precision precision) => Precisions.Contains(precision);

    /// <summary>Fills job.Counts. Implementations check job.Cancellation at least once per row or block.</summary>
    public abstract void Compute<T>(KernelJob<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>;

    public override string ToString() => Name;
}
