using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// The escape counts of one solved plan plus the tutorial's validation figures, and what really ran
/// (kernel, vector width, threads). Counts are row-major; a pixel that never escaped holds
/// <see cref="MaxIterations"/>.
/// </summary>
public sealed class RenderResult : ICountSource
{
    public RenderResult(RenderPlan plan, int[] counts, TimeSpan elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan>? phases = null, string codePath = "")
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(counts);
        if (plan.Grid.PixelCount != counts.Length)
        {
            throw new ArgumentException($"counts has {counts.Length} entries but the grid is {plan.Width}x{plan.Height}.", nameof(counts));
        }

        Plan = plan;
        Counts = counts;
        Elapsed = elapsed;
        Phases = phases ?? new Dictionary<KernelPhase, TimeSpan>();
        CodePath = codePath ?? "";
        var totals = new CountTotals(plan.MaxIterations);
        totals.Add(counts);
        (ValidationSum, TotalIterations, EscapedPixels) = (totals.ValidationSum, totals.TotalIterations, totals.EscapedPixels);
    }

    public RenderPlan Plan { get; }

    /// <summary>The registry name of the kernel that produced the counts.</summary>
    public string Kernel => Plan.Kernel.Name;

    public int Width => Plan.Width;

    public int Height => Plan.Height;

    public int MaxIterations => Plan.MaxIterations;

    public Precision Precision => Plan.Precision;

    /// <summary>The SIMD width that ran (None for kernels without SIMD).</summary>
    public VectorWidth VectorWidth => Plan.VectorWidth;

    /// <summary>The worker threads that ran.</summary>
    public int Threads => Plan.Threads;

    /// <summary>Escape iteration n per pixel (row-major), or MaxIterations for pixels that never escaped.</summary>
    public int[] Counts { get; }

    /// <summary>The tutorial's validation sum: the sum of counts of escaped pixels (never-escaped count 0).</summary>
    public long ValidationSum { get; }

    /// <summary>Inner-loop iterations executed: n+1 per escaped pixel, MaxIterations per other pixel.</summary>
    public long TotalIterations { get; }

    public long EscapedPixels { get; }

    /// <summary>Wall time of the kernel alone (grid construction and summaries excluded).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The parts of the run the kernel timed itself (a GPU's upload, compute, download; compile on first use); empty for CPU kernels.</summary>
    public IReadOnlyDictionary<KernelPhase, TimeSpan> Phases { get; }

    /// <summary>
    /// For kernels that choose a code path by the data (Simd, ParallelSimd, FormulaVectorized), which ones ran
    /// and their share of the groups of pixels ("RacedFinalTest 61%, Stepped 39%"; a group is four vectors for
    /// Simd and ParallelSimd, one vector for FormulaVectorized, whose vectors retire one by one); empty for
    /// kernels with one path.
    /// </summary>
    public string CodePath { get; }

    /// <summary>Inner-loop iterations a pixel with this count cost: n+1 if it escaped at n, else maxIterations.</summary>
    public static long IterationsFor(int count, int maxIterations) => count < maxIterations ? count + 1L : maxIterations;

    /// <summary>The counts as one band (they are all in memory already).</summary>
    public void ForEachBand(Action<RowBand, ReadOnlyMemory<int>> band, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(band);
        cancellation.ThrowIfCancellationRequested();
        band(new RowBand(0, Height), Counts);
    }
}
