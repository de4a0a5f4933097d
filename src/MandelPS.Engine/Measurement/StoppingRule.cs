namespace MandelPS.Engine.Measurement;

/// <summary>
/// The measurement stages' "run another?" rules (BenchmarkDotNet's engine shape): the pilot's choice of
/// repetitions per sample, and the actual stage's rule for one more sample. Pure functions of the
/// settings and the samples so far, tested with synthetic timings and no clock.
/// </summary>
public sealed class StoppingRule
{
    private const int MaxRepetitions = 1_000_000;

    private readonly MeasurementSettings _settings;

    public StoppingRule(MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Pilot: how many kernel runs one sample needs to last at least MinRunTimeMs, from a warm run's time.</summary>
    public int Repetitions(double warmRunMs)
    {
        var target = _settings.MinRunTimeMs;
        if (warmRunMs >= target || target <= 0)
        {
            return 1;
        }

        return (int)Math.Min(MaxRepetitions, Math.Ceiling(target / Math.Max(warmRunMs, 1e-6)));
    }

    /// <summary>At least MinRuns samples; then stop at MaxRuns, the time budget, or a narrow enough CI.</summary>
    public bool AnotherSample(IReadOnlyList<double> samples, double spentMs) => Reason(samples, spentMs) is null;

    /// <summary>The rule that says stop now, or null while another sample is wanted.</summary>
    public StopReason? Reason(IReadOnlyList<double> samples, double spentMs)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < _settings.MinRuns)
        {
            return null;
        }

        if (samples.Count >= _settings.MaxRuns)
        {
            return _settings.MinRuns == _settings.MaxRuns ? StopReason.FixedRuns : StopReason.MaxRuns;
        }

        if (spentMs >= _settings.TimeBudgetSeconds * 1000)
        {
            return StopReason.TimeBudget;
        }

        return new SampleStatistics(samples, _settings.RemoveOutliers).RelativeCiWidth > _settings.TargetRelativeCiWidth ? null : StopReason.TargetCi;
    }
}
