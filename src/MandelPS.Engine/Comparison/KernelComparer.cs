using System.Diagnostics;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// Measures candidates against a baseline on the same grid, all sides through the one
/// <see cref="SampleCollector"/> (alternating rounds). Every side passes the correctness gate first;
/// precision loss is counted from the first runs, against the baseline. Parallel candidates also run
/// their one-thread twin, for parallel efficiency.
/// </summary>
public sealed class KernelComparer
{
    private readonly MeasurementSettings _settings;
    private readonly Clock _clock;

    /// <summary>A comparer whose verdicts are decided by <paramref name="clock"/>'s samples (both clocks are recorded).</summary>
    public KernelComparer(MeasurementSettings settings, Clock clock = Clock.Wall)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _clock = clock;
    }

    /// <summary>
    /// Compares each candidate with the baseline kernel on the candidate's own problem (grid, size,
    /// iterations), in the baseline's precision and default options: one alternated run per problem.
    /// Simd in Single against Expanded in Double is the "fast and wrong" comparison. A null baseline is
    /// each candidate's reference (Expanded, or FormulaSpecialized for a formula other than z^2 + c).
    /// </summary>
    public IEnumerable<KernelComparison> Compare(IReadOnlyList<RenderPlan> candidates, string? baselineKernel, Precision baselinePrecision,
        Action<MeasurementProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Compare(candidates.Select(c => new ComparisonPair(c, c.With(baselineKernel ?? c.ReferenceKernel, baselinePrecision, KernelOptions.Default))).ToList(), onProgress, cancellation);
    }

    /// <summary>Each candidate against its own baseline plan; candidates sharing a baseline are measured in one alternated run.</summary>
    public IEnumerable<KernelComparison> Compare(IReadOnlyList<ComparisonPair> pairs, Action<MeasurementProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var groups = pairs.GroupBy(p => p.Baseline.Identity.RequestKey).ToList();
        var clock = Stopwatch.StartNew();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var description = $"{group.First().Baseline.Kernel.Name} vs {string.Join(", ", group.Select(p => p.Candidate.Kernel.Name).Distinct())}";
            onProgress?.Invoke(new MeasurementProgress(g, groups.Count, description, clock.Elapsed));
            foreach (var row in CompareGroup(group.First().Baseline, group.ToList(), cancellation))
            {
                yield return row;
            }
        }
    }

    private List<KernelComparison> CompareGroup(RenderPlan baselinePlan, IReadOnlyList<ComparisonPair> pairs, CancellationToken cancellation)
    {
        var references = new ReferenceResults();
        var baseline = new TimedRender(baselinePlan);
        var baselineFirst = baseline.Start(references, cancellation);
        var candidates = new List<(TimedRender Side, TimedRender? Twin, PrecisionLoss Loss, string? ViewportName)>();
        foreach (var (plan, _, viewportName) in pairs)
        {
            var side = new TimedRender(plan);
            var loss = PrecisionLoss.Between(baselineFirst, side.Start(references, cancellation));
            side.TrackLossAgainst(baselineFirst);
            TimedRender? twin = null;
            if (plan.Threads > 1 && side.IsTimed)
            {
                twin = new TimedRender(plan.OneThread());
                twin.Start(references, cancellation);
            }

            candidates.Add((side, twin, loss, viewportName));
        }

        var sides = new List<SampledSide> { baseline };
        foreach (var (side, twin, _, _) in candidates)
        {
            sides.Add(side);
            if (twin is not null)
            {
                sides.Add(twin);
            }
        }

        new SampleCollector(_settings).Collect(sides, cancellation);
        return candidates.Select(c => Row(baseline, c.Side, c.Twin, c.Loss, c.ViewportName)).ToList();
    }

    private KernelComparison Row(TimedRender baseline, TimedRender candidate, TimedRender? twin, PrecisionLoss loss, string? viewportName)
    {
        var plan = candidate.Plan;
        var timing = new ComparisonTiming
        {
            BaselineSamples = baseline.Samples,
            CandidateSamples = candidate.Samples,
            BaselineCpuSamples = baseline.CpuSamples,
            CandidateCpuSamples = candidate.CpuSamples,
            Settings = _settings,
            Clock = _clock,
            Failure = !baseline.IsTimed ? $"the baseline {baseline.Plan.Kernel.Name} failed its correctness check"
                : !candidate.IsTimed ? $"{plan.Kernel.Name} failed its correctness check"
                : "",
        };
        var candidateMs = Median(candidate);
        var twinMedian = twin is null ? 0 : Median(twin);
        return new KernelComparison(plan.Identity, timing)
        {
            Baseline = baseline.Plan.Kernel.Name,
            BaselinePrecision = baseline.Plan.Precision.ToString(),
            DeviceName = plan.DeviceName,
            ViewportName = viewportName,
            Status = candidate.Status,
            ParallelEfficiency = twinMedian > 0 && candidateMs > 0 ? twinMedian / candidateMs / plan.Threads : null,
            DifferingPixels = loss.DifferingPixels,
            DifferingPercent = loss.DifferingPercent,
            ValidationSumDelta = loss.ValidationSumDelta,
            MaxCountError = loss.MaxCountError,
            CountSumDelta = loss.CountSumDelta,
            RelativeL1Difference = loss.RelativeL1,
            DifferingPixelsOverRuns = string.Join(";", candidate.LossOverRuns.Select(l => l.DifferingPixels)),
            CountSumDeltaOverRuns = string.Join(";", candidate.LossOverRuns.Select(l => l.CountSumDelta)),
            IsExact = loss.IsExact && loss.ValidationSumDelta == 0 && candidate.LossOverRuns.All(l => l.IsExact),
            Method = ComparisonMethod.Alternated,
            ComputerName = EnvironmentInfo.Current.ComputerName,
        };
    }

    private double Median(SampledSide side) =>
        side.Samples.Count == 0 ? 0 : new SampleStatistics(side.Samples, _settings.RemoveOutliers).Median;
}
