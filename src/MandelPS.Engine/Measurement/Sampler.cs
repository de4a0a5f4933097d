namespace MandelPS.Engine.Measurement;

/// <summary>
/// The stages of one measurement, each with one small "run another?" rule (BenchmarkDotNet's engine
/// shape). It only sees a function that runs the kernel once and returns its milliseconds, so the
/// rules are tested with synthetic timings and no real clock.
/// </summary>
public sealed class Sampler
{
    private const int MaxRepetitions = 1_000_000;

    private readonly MeasurementSettings _settings;

    public Sampler(MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Pilot: how many kernel runs one sample needs to last at least MinRunTime, from a warm run's time.</summary>
    public int Pilot(double firstRunMs)
    {
        var target = _settings.MinRunTime.TotalMilliseconds;
        if (firstRunMs >= target || target <= 0)
        {
            return 1;
        }

        return (int)Math.Min(MaxRepetitions, Math.Ceiling(target / Math.Max(firstRunMs, 1e-6)));
    }

    /// <summary>Measures: warm-up samples, then samples until the stopping rule says enough.</summary>
    public SamplerResult Run(Func<double> runOnceMs, double firstRunMs, CancellationToken cancellation = default, Action? beforeSample = null)
    {
        ArgumentNullException.ThrowIfNull(runOnceMs);
        var repetitions = Pilot(firstRunMs);
        double Sample()
        {
            cancellation.ThrowIfCancellationRequested();
            beforeSample?.Invoke();
            var total = 0.0;
            for (var r = 0; r < repetitions; r++)
            {
                total += runOnceMs();
            }

            return total / repetitions;
        }

        for (var w = 0; w < _settings.Warmup; w++)
        {
            Sample();
        }

        var samples = new List<double>();
        var spentMs = 0.0;
        while (AnotherSample(samples, spentMs))
        {
            var sample = Sample();
            samples.Add(sample);
            spentMs += sample * repetitions;
        }

        return new SamplerResult(samples, repetitions);
    }

    /// <summary>The actual stage's rule: at least MinRuns; then stop at MaxRuns, the budget, or a narrow enough CI.</summary>
    public bool AnotherSample(IReadOnlyList<double> samples, double spentMs)
    {
        if (samples.Count < _settings.MinRuns)
        {
            return true;
        }

        if (samples.Count >= _settings.MaxRuns || spentMs >= _settings.TimeBudget.TotalMilliseconds)
        {
            return false;
        }

        return new SampleStatistics(samples, _settings.RemoveOutliers).RelativeCiWidth > _settings.TargetRelativeCiWidth;
    }
}

/// <summary>Per-sample mean run times (ms) and the kernel runs per sample the pilot chose.</summary>
public sealed record SamplerResult(IReadOnlyList<double> Samples, int RepetitionsPerSample);
