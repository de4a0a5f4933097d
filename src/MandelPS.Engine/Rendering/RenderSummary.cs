using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// What a render returns to a shell: flat scalars only, the whole request (<see cref="RequestColumns"/>) and
/// what ran included; the counts stay on <see cref="RenderResult"/>. For a tile, the figures are the tile's rows.
/// </summary>
public sealed class RenderSummary : RequestColumns
{
    public RenderSummary()
    {
    }

    /// <summary>A summary of <paramref name="request"/>: its request columns copied whole.</summary>
    public RenderSummary(RequestColumns request)
        : base(request)
    {
    }

    /// <summary>The device that ran the kernel, by name ("CPU" for CPU kernels).</summary>
    public string DeviceName { get; init; } = KernelTarget.HostDevice;

    /// <summary>For one tile of a render: which (0-based) of <see cref="TileCount"/>; the figures below are the tile's rows. Null otherwise.</summary>
    public int? TileIndex { get; private set; }

    /// <summary>How many tiles the render is split into; null when this is not a tile.</summary>
    public int? TileCount { get; private set; }

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

    /// <summary>The summary of a render that never held all its counts (streamed, merged from tiles, one tile).</summary>
    public static RenderSummary From(RenderPlan plan, CountTotals totals, TimeSpan elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan> phases, string? path, string codePath = "")
    {
        ArgumentNullException.ThrowIfNull(totals);
        return From(plan, totals.ValidationSum, totals.TotalIterations, totals.EscapedPixels, elapsed, phases, path, codePath);
    }

    /// <summary>The summary of tile <paramref name="index"/> of <paramref name="count"/>: the whole request, the tile's figures.</summary>
    public static RenderSummary ForTile(RenderPlan band, int index, int count, CountTotals totals, TimeSpan elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan> phases, string? path, string codePath)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var summary = From(band, totals.ValidationSum, totals.TotalIterations, totals.EscapedPixels, elapsed, phases, path, codePath);
        summary.TileIndex = index;
        summary.TileCount = count;
        return summary;
    }

    /// <summary>The summary of a bitmap decided without counts (<see cref="MembershipBitmap"/>): no validation sum, no iteration total.</summary>
    public static RenderSummary FromMembership(RenderPlan plan, long pixelsInSet, TimeSpan elapsed, string? path, string codePath) =>
        From(plan, null, null, (long)plan.Width * plan.Height - pixelsInSet, elapsed, new Dictionary<KernelPhase, TimeSpan>(), path, codePath);

    private static RenderSummary From(RenderPlan plan, long? validationSum, long? totalIterations, long escapedPixels, TimeSpan elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan> phases, string? path, string codePath)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RenderSummary(plan.Identity)
        {
            DeviceName = plan.DeviceName,
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
