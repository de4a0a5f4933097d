using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// A plan computed a band of rows at a time by its own kernel, each band a sub-grid of the same
/// coordinates (<see cref="RenderPlan.Rows"/>), so the counts are bit-identical to a whole render while
/// memory holds one band: how an image of any size is rendered and encoded. Every pass recomputes; the
/// totals, time and phases are those of the latest pass, except that an image of one band is computed
/// once and its counts kept for a second pass (histogram colouring).
/// </summary>
public sealed class BandedRender : ICountSource
{
    /// <summary>Pixels per band: 16 MB of counts, enough rows to keep every core busy between encodes.</summary>
    private const int PixelsPerBand = 1 << 22;

    private int[]? _whole;

    private readonly Action<MeasurementProgress>? _progress;

    /// <summary>A plan to compute band by band; <paramref name="progress"/> hears of every band done.</summary>
    /// <param name="plan">The whole render, planned without its counts in memory if it is large.</param>
    /// <param name="progress">Told "band i of n" as each band is done, or null.</param>
    public BandedRender(RenderPlan plan, Action<MeasurementProgress>? progress = null)
        : this(plan, progress, rowsPerBand: null)
    {
    }

    /// <summary>The same with a band height of the caller's (tests: many bands on small images).</summary>
    internal BandedRender(RenderPlan plan, Action<MeasurementProgress>? progress, int? rowsPerBand)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        _progress = progress;
        // A kernel that adds to the whole image cannot be split: it runs as one band, and must fit. Otherwise
        // enough rows for every thread to have several (never more than the image has), up to 16 MB of counts.
        RowsPerBand = !plan.Kernel.IsRowLocal ? plan.Height
            : rowsPerBand is { } asked ? Math.Clamp(asked, 1, plan.Height)
            : Math.Clamp(PixelsPerBand / plan.Width, Math.Min(plan.Threads * 4, plan.Height), plan.Height);
        Totals = new CountTotals(plan.MaxIterations);
    }

    public RenderPlan Plan { get; }

    public int RowsPerBand { get; }

    public int Width => Plan.Width;

    public int Height => Plan.Height;

    public int MaxIterations => Plan.MaxIterations;

    /// <summary>Validation figures of the latest pass.</summary>
    public CountTotals Totals { get; private set; }

    /// <summary>The kernel's wall time over every band of the latest pass.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>The phases the kernel timed over the latest pass (empty for CPU kernels).</summary>
    public IReadOnlyDictionary<KernelPhase, TimeSpan> Phases { get; private set; } = new Dictionary<KernelPhase, TimeSpan>();

    /// <summary>The code paths the kernel took over the latest pass and their shares (empty for kernels with one).</summary>
    public string CodePath { get; private set; } = "";

    public void ForEachBand(Action<RowBand, ReadOnlyMemory<int>> band, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (_whole is not null)
        {
            cancellation.ThrowIfCancellationRequested();
            band(new RowBand(0, Height), _whole);
            return;
        }

        var totals = new CountTotals(MaxIterations);
        var phases = new PhaseLog();
        var elapsed = TimeSpan.Zero;
        int[]? counts = null;
        var bands = (Height + RowsPerBand - 1) / RowsPerBand;
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var rows in RowBand.Cover(Height, RowsPerBand))
        {
            _progress?.Invoke(new MeasurementProgress(done++, bands, $"{Plan.Kernel.Name}, {rows}", clock.Elapsed));
            cancellation.ThrowIfCancellationRequested();
            var plan = Plan.Rows(rows);
            if (counts?.Length != rows.Count * Width)
            {
                counts = new int[rows.Count * Width];
            }

            elapsed += PreparedRender.Compute(plan, counts, phases, cancellation);
            totals.Add(counts);
            band(rows, counts);
        }

        (Totals, Elapsed, Phases, CodePath) = (totals, elapsed, phases.Snapshot(), phases.PathsText());
        _whole = RowsPerBand >= Height ? counts : null;
    }

    /// <summary>The summary a streamed render returns: the same figures as <see cref="RenderSummary.From(RenderResult, string?)"/>.</summary>
    public RenderSummary Summary(string? path) => RenderSummary.From(Plan, Totals, Elapsed, Phases, path, CodePath);
}
