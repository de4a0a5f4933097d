using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Tests.Comparison;

/// <summary>
/// Every comparison row's verdict, with synthetic samples: drift between processes widens the threshold and
/// turns a would-be Same into Inconclusive, unknown drift decides nothing, the CPU clock decides by its
/// own samples, and each row states the smallest slowdown it could have called Slower.
/// </summary>
public sealed class ComparisonTimingTests
{
    private static readonly MeasurementSettings Settings = MeasurementSettings.Default;

    private static double[] Around(double ms, int seed, int count = 20) =>
        [.. Enumerable.Range(0, count).Select(k => ms * (1 + 0.01 * new Random(seed + k).NextDouble()))];

    private static (Verdict Verdict, string Reason, double Detectable) Decide(double baselineMs, double candidateMs, double? drift, Clock clock = Clock.Wall)
    {
        var decided = new ComparisonTiming
        {
            BaselineSamples = Around(baselineMs, 1),
            CandidateSamples = Around(candidateMs, 2),
            BaselineCpuSamples = Around(baselineMs * 2, 3),
            CandidateCpuSamples = Around(baselineMs * 2, 4),
            Settings = Settings,
            Clock = clock,
            Drift = drift,
        }.Decide();
        return (decided.Verdict, decided.Reason, decided.Detectable);
    }

    [Fact]
    public void WithinOneRun_TheTestDecides()
    {
        Assert.Equal(Verdict.Same, Decide(10, 10.1, drift: 0).Verdict);
        Assert.Equal(Verdict.Slower, Decide(10, 11, drift: 0).Verdict);
        Assert.Equal(Verdict.Faster, Decide(11, 10, drift: 0).Verdict);
    }

    [Fact]
    public void Drift_WidensTheThreshold_AndWhatWouldReadSame_IsInconclusive()
    {
        Assert.Equal(Verdict.Slower, Decide(10, 11.6, drift: 0.08).Verdict); // 16% slower: beyond 5% + 8%
        var within = Decide(10, 11, drift: 0.08); // 10% slower: beyond the threshold, within the drift
        Assert.Equal(Verdict.Inconclusive, within.Verdict);
        Assert.Contains("drift between processes (8%)", within.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Inconclusive, Decide(10, 10, drift: 0.08).Verdict); // even no difference cannot be told from Same
    }

    [Fact]
    public void UnknownDrift_DecidesNothing_AndSaysHowToMeasureIt()
    {
        var (verdict, reason, _) = Decide(10, 20, drift: null);
        Assert.Equal(Verdict.Inconclusive, verdict);
        Assert.Contains("Processes 3", reason, StringComparison.Ordinal);
        Assert.Contains("BaselineBuild", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCpuClock_DecidesByItsOwnSamples()
    {
        Assert.Equal(Verdict.Slower, Decide(10, 12, drift: 0).Verdict);
        Assert.Equal(Verdict.Same, Decide(10, 12, drift: 0, Clock.Cpu).Verdict); // the CPU samples did not move
    }

    [Fact]
    public void TheDetectableChange_IsTheThresholdPlusDriftPlusTheIntervalsHalfWidth()
    {
        var oneRun = Decide(10, 10, drift: 0).Detectable;
        var drifting = Decide(10, 10, drift: 0.08).Detectable;
        Assert.InRange(oneRun, Settings.Threshold, Settings.Threshold + 0.02);
        Assert.Equal(oneRun + 0.08, drifting, 6);
    }
}
