using MandelPS.Engine.Comparison;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// A plan as a timed side: its correctness run first (checked against the reference on the same grid;
/// an exact kernel that disagrees is Failed and never timed, as the Benchmarks Game does), then a warm
/// run for the pilot, then samples on the prepared render, whose buffers are reused, each after a
/// garbage collection.
/// </summary>
public sealed class TimedRender : SampledSide
{
    private readonly PreparedRender _prepared;
    private double _warmRunMs;

    public TimedRender(RenderPlan plan)
    {
        _prepared = new PreparedRender(plan);
    }

    public RenderPlan Plan => _prepared.Plan;

    /// <summary>The correctness run's result (null before <see cref="Start"/>).</summary>
    public RenderResult? First { get; private set; }

    /// <summary>How far the first run is from the reference in the same precision.</summary>
    public PrecisionLoss? LossToReference { get; private set; }

    public MeasurementStatus Status { get; private set; } = MeasurementStatus.Ok;

    public override bool IsTimed => Status == MeasurementStatus.Ok;

    /// <summary>For a kernel whose counts vary run to run: its loss after every measured sample, against <see cref="TrackLossAgainst"/>'s baseline.</summary>
    public IReadOnlyList<PrecisionLoss> LossOverRuns => _lossOverRuns;

    private readonly List<PrecisionLoss> _lossOverRuns = [];
    private RenderResult? _lossBaseline;

    /// <summary>Measures the loss against this baseline after every sample, when the kernel is not deterministic.</summary>
    public void TrackLossAgainst(RenderResult baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        _lossBaseline = Plan.Kernel.IsDeterministic ? null : baseline;
    }

    protected override void AfterSample()
    {
        if (_lossBaseline is not null)
        {
            _lossOverRuns.Add(PrecisionLoss.Between(_lossBaseline, _prepared.Snapshot(TimeSpan.Zero)));
        }
    }

    public override double WarmRunMs => _warmRunMs;

    /// <summary>The correctness run (checked against the reference) and, when it passes, a warm run for the pilot.</summary>
    public RenderResult Start(ReferenceResults references, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(references);
        var first = _prepared.Snapshot(_prepared.Run(cancellation));
        First = first;
        var reference = references.For(Plan, first, cancellation);
        LossToReference = PrecisionLoss.Between(reference, first);
        TrackLossAgainst(reference);
        Status = Plan.IsExact && !LossToReference.IsExact ? MeasurementStatus.Failed : MeasurementStatus.Ok;
        if (IsTimed)
        {
            _warmRunMs = _prepared.Run(cancellation).TotalMilliseconds;
        }

        return first;
    }

    public override double RunOnceMs(CancellationToken cancellation)
    {
        var ms = _prepared.Run(cancellation).TotalMilliseconds;
        if (_prepared.LastPhases.Count > 0)
        {
            _phasesOverRuns.Add(_prepared.LastPhases);
        }

        return ms;
    }

    /// <summary>What compiling cost in the correctness run (zero when the code was compiled earlier in the process, or never is).</summary>
    public TimeSpan CompileTime => First?.Phases.GetValueOrDefault(KernelPhase.Compile) ?? TimeSpan.Zero;

    /// <summary>
    /// The median of each phase the kernel timed over the runs after the correctness run, compile
    /// excluded (it is paid once, in <see cref="CompileTime"/>); empty for kernels that report none.
    /// </summary>
    public IReadOnlyDictionary<KernelPhase, TimeSpan> MedianPhases()
    {
        var phases = _phasesOverRuns.SelectMany(run => run.Keys).Where(p => p != KernelPhase.Compile).Distinct().Order();
        return phases.ToDictionary(p => p, p =>
        {
            var times = _phasesOverRuns.Select(run => run.GetValueOrDefault(p).TotalMilliseconds).ToList();
            return TimeSpan.FromMilliseconds(new SampleStatistics(times, removeOutliers: false).Median);
        });
    }

    private readonly List<IReadOnlyDictionary<KernelPhase, TimeSpan>> _phasesOverRuns = [];

    protected override void BeforeSample() => GC.Collect();
}
