using System.Diagnostics;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// Measures candidates against a baseline on the same grid. Samples alternate in rounds (every side
/// once per round, the order shuffled each round from a fixed seed) so drift and heat hit all sides
/// alike. Parallel candidates also run their one-thread twin, for parallel efficiency. Precision loss is
/// counted from the first run of each side, before any timing.
/// </summary>
public sealed class KernelComparer
{
    private readonly MeasurementSettings _settings;
    private readonly double _threshold;
    private readonly double _alpha;

    public KernelComparer(MeasurementSettings settings, double threshold = SignificanceTest.DefaultThreshold, double alpha = SignificanceTest.DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new RequestValidationException("Threshold", $"{threshold} is outside the allowed range 0..1 (0.05 = 5%)");
        }

        if (!(alpha > 0 && alpha < 0.5))
        {
            throw new RequestValidationException("Alpha", $"{alpha} is outside the allowed range 0 < alpha < 0.5");
        }

        _settings = settings;
        _threshold = threshold;
        _alpha = alpha;
    }

    public Action<MeasurementProgress>? OnProgress { get; init; }

    /// <summary>
    /// Each candidate is a request on the same grid as the baseline; it may differ in kernel, precision
    /// and options (Simd in Single against Expanded in Double is the "fast and wrong" comparison).
    /// </summary>
    public IReadOnlyList<KernelComparison> Compare(RenderRequest baseline, IReadOnlyList<RenderRequest> candidates, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidates);
        MandelbrotEngine.Validate(baseline);
        foreach (var candidate in candidates)
        {
            MandelbrotEngine.Validate(candidate);
        }

        var sides = new List<Side> { new(MandelbrotEngine.Prepare(baseline)) };
        foreach (var candidate in candidates)
        {
            var side = new Side(MandelbrotEngine.Prepare(candidate));
            sides.Add(side);
            if (side.Prepared.Kernel.UsesThreads && candidate.Options.EffectiveDegreeOfParallelism > 1)
            {
                side.Twin = new Side(MandelbrotEngine.Prepare(candidate with { Options = candidate.Options with { DegreeOfParallelism = 1 } }));
                sides.Add(side.Twin);
            }
        }

        var reference = sides[0].Start(cancellation);
        foreach (var side in sides.Skip(1))
        {
            side.Loss = PrecisionLoss.Between(reference, side.Start(cancellation));
        }

        var sampler = new Sampler(_settings);
        foreach (var side in sides)
        {
            side.Repetitions = sampler.Pilot(side.FirstRunMs);
        }

        Rounds(sides, sampler, cancellation);
        return sides.Skip(1).Where(s => s.Loss is not null && !sides.Any(o => o.Twin == s)).Select(s => Row(sides[0], s)).ToList();
    }

    /// <summary>
    /// Compares each candidate with the baseline kernel on the candidate's own problem (size, iterations,
    /// viewport), in the baseline's precision and default options: one comparison per distinct problem.
    /// </summary>
    public IReadOnlyList<KernelComparison> CompareWithBaseline(IReadOnlyList<RenderRequest> candidates, string baselineKernel, Precision baselinePrecision, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .GroupBy(c => c with { Kernel = baselineKernel, Precision = baselinePrecision, Options = KernelOptions.Default })
            .SelectMany(g => Compare(g.Key, g.ToList(), cancellation))
            .ToList();
    }

    private void Rounds(List<Side> sides, Sampler sampler, CancellationToken cancellation)
    {
        var random = new Random(_settings.Seed);
        var clock = Stopwatch.StartNew();
        var order = sides.ToArray();
        for (var w = 0; w < _settings.Warmup; w++)
        {
            foreach (var side in order)
            {
                side.Sample(cancellation);
            }
        }

        var spentMs = 0.0;
        for (var round = 0; ; round++)
        {
            // Another round while any side still wants samples (each side has its share of the budget).
            if (sides.All(s => !sampler.AnotherSample(s.Samples, spentMs / sides.Count)))
            {
                break;
            }

            OnProgress?.Invoke(new MeasurementProgress(Math.Min(round, _settings.MaxRuns - 1), _settings.MaxRuns, $"round {round + 1}", clock.Elapsed));
            random.Shuffle(order);
            foreach (var side in order)
            {
                spentMs += side.Sample(cancellation) * side.Repetitions;
                side.Samples.Add(side.LastSample);
            }
        }
    }

    private KernelComparison Row(Side baseline, Side candidate)
    {
        var b = new SampleStatistics(baseline.Samples, _settings.RemoveOutliers);
        var c = new SampleStatistics(candidate.Samples, _settings.RemoveOutliers);
        var (verdict, pFaster, pSlower) = SignificanceTest.Compare(baseline.Samples, candidate.Samples, _threshold, _alpha);
        var (lower, upper) = SpeedupInterval.Compute(baseline.Samples, candidate.Samples, _settings.Seed);
        var request = candidate.Prepared.Request;
        var efficiency = candidate.Twin is { } twin && c.Median > 0
            ? new SampleStatistics(twin.Samples, _settings.RemoveOutliers).Median / c.Median / request.Options.EffectiveDegreeOfParallelism
            : 0;
        var loss = candidate.Loss!;
        return new KernelComparison
        {
            Kernel = candidate.Prepared.Kernel.Name,
            Baseline = baseline.Prepared.Kernel.Name,
            Width = candidate.Prepared.Grid.Width,
            Height = candidate.Prepared.Grid.Height,
            MaxIterations = request.MaxIterations,
            Precision = request.Precision.ToString(),
            BaselinePrecision = baseline.Prepared.Request.Precision.ToString(),
            Threads = candidate.Prepared.Kernel.UsesThreads ? request.Options.EffectiveDegreeOfParallelism : 1,
            Runs = candidate.Samples.Count,
            BaselineMedianMs = b.Median,
            MedianMs = c.Median,
            Speedup = c.Median > 0 ? b.Median / c.Median : 0,
            SpeedupCiLower = lower,
            SpeedupCiUpper = upper,
            Verdict = verdict.ToString(),
            PValue = verdict == Verdict.Faster ? pFaster : pSlower,
            Threshold = _threshold,
            Alpha = _alpha,
            ParallelEfficiency = efficiency,
            DifferingPixels = loss.DifferingPixels,
            DifferingPercent = loss.DifferingPercent,
            ValidationSumDelta = loss.ValidationSumDelta,
            MaxCountError = loss.MaxCountError,
            IsExact = loss.IsExact,
            Method = "Alternated",
            ComputerName = EnvironmentInfo.Current.ComputerName,
            Settings = _settings.Describe() + $";threshold={_threshold};alpha={_alpha};seed={_settings.Seed}",
            BaselineSamplesMs = SampleText.Format(baseline.Samples),
            SamplesMs = SampleText.Format(candidate.Samples),
        };
    }

    /// <summary>One side of the comparison: a prepared render, its pilot choice and its samples.</summary>
    private sealed class Side(PreparedRender prepared)
    {
        public PreparedRender Prepared { get; } = prepared;

        public Side? Twin { get; set; }

        public PrecisionLoss? Loss { get; set; }

        public double FirstRunMs { get; private set; } // of the warm pilot run

        public int Repetitions { get; set; } = 1;

        public List<double> Samples { get; } = [];

        public double LastSample { get; private set; }

        /// <summary>The correctness run, then a warm run for the pilot (the first also paid for JIT).</summary>
        public RenderResult Start(CancellationToken cancellation)
        {
            var first = Prepared.Snapshot(Prepared.Run(cancellation));
            FirstRunMs = Prepared.Run(cancellation).TotalMilliseconds;
            return first;
        }

        public double Sample(CancellationToken cancellation)
        {
            GC.Collect();
            var total = 0.0;
            for (var r = 0; r < Repetitions; r++)
            {
                total += Prepared.Run(cancellation).TotalMilliseconds;
            }

            LastSample = total / Repetitions;
            return LastSample;
        }
    }
}
