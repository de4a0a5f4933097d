using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>What a render returns to a shell: flat scalars only, the request and what ran included; the counts stay on <see cref="RenderResult"/>.</summary>
public sealed class RenderSummary
{
    public string Kernel { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public Precision Precision { get; init; }

    public GridStyle Grid { get; init; }

    /// <summary>xmin,xmax,ymin,ymax (invariant culture); the Benchmarks Game and Tutorial grids fix their own.</summary>
    public string Viewport { get; init; } = "";

    public int Threads { get; init; }

    public VectorWidth VectorWidth { get; init; }

    /// <summary>The device that ran the kernel ("CPU" for CPU kernels).</summary>
    public string Device { get; init; } = "";

    /// <summary>The tutorial's sum of escaped pixels' counts; null when no counts were made (a bitmap of membership alone).</summary>
    public long? ValidationSum { get; init; }

    /// <summary>Inner-loop iterations, as the tutorial counts them; null when no counts were made.</summary>
    public long? TotalIterations { get; init; }

    /// <summary>Pixels whose orbit never escaped within MaxIterations: the black of the Benchmarks Game's bitmap.</summary>
    public long PixelsInSet { get; init; }

    /// <summary>Milliseconds the kernel ran.</summary>
    public double ElapsedMs { get; init; }

    /// <summary>The phases the kernel timed ("Compile=80.1;Upload=0.4;Compute=3.2;Download=0.5", ms); empty for CPU kernels. ElapsedMs includes all of them.</summary>
    public string Phases { get; init; } = "";

    /// <summary>For kernels that choose a code path by the data (Simd, ParallelSimd): which ran and their share of the pixel groups; empty otherwise.</summary>
    public string CodePath { get; init; } = "";

    /// <summary>The image written, or empty when none was.</summary>
    public string Path { get; init; } = "";

    public static RenderSummary From(RenderResult result, string? path)
    {
        ArgumentNullException.ThrowIfNull(result);
        return From(result.Plan, result.ValidationSum, result.TotalIterations, result.EscapedPixels, result.Elapsed, result.Phases, path, result.CodePath);
    }

    /// <summary>The summary of a render that never held all its counts (streamed, merged from tiles).</summary>
    public static RenderSummary From(RenderPlan plan, CountTotals totals, TimeSpan elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan> phases, string? path, string codePath = "")
    {
        ArgumentNullException.ThrowIfNull(totals);
        return From(plan, totals.ValidationSum, totals.TotalIterations, totals.EscapedPixels, elapsed, phases, path, codePath);
    }

    /// <summary>The summary of a bitmap decided without counts (<see cref="MembershipBitmap"/>): no validation sum, no iteration total.</summary>
    public static RenderSummary FromMembership(RenderPlan plan, long pixelsInSet, TimeSpan elapsed, string? path, string codePath) =>
        From(plan, null, null, (long)plan.Width * plan.Height - pixelsInSet, elapsed, new Dictionary<KernelPhase, TimeSpan>(), path, codePath);

    private static RenderSummary From(RenderPlan plan, long? validationSum, long? totalIterations, long escapedPixels, TimeSpan elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan> phases, string? path, string codePath)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RenderSummary
        {
            Kernel = plan.Kernel.Name,
            Width = plan.Width,
            Height = plan.Height,
            MaxIterations = plan.MaxIterations,
            Precision = plan.Precision,
            Grid = plan.Request.Grid,
            Viewport = plan.Request.Viewport.ToString(),
            Threads = plan.Threads,
            VectorWidth = plan.VectorWidth,
            Device = plan.Device,
            ValidationSum = validationSum,
            TotalIterations = totalIterations,
            PixelsInSet = (long)plan.Width * plan.Height - escapedPixels,
            ElapsedMs = elapsed.TotalMilliseconds,
            Phases = PhaseLog.Format(phases),
            CodePath = codePath,
            Path = path ?? "",
        };
    }
}
