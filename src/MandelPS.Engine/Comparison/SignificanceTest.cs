using Perfolizer;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// The stated test behind every verdict: two one-sided Mann-Whitney U tests (Perfolizer's, exact for
/// small samples) on the run times, shifted by a relative threshold. The candidate is Faster when its
/// times stretched by (1 + threshold) are still significantly below the baseline's (p &lt; alpha),
/// Slower when its times shrunk by (1 + threshold) are still significantly above them, and Same
/// otherwise; so a 2% difference on a noisy machine with a 5% threshold reads as Same.
/// </summary>
public static class SignificanceTest
{
    public const double DefaultThreshold = 0.05;
    public const double DefaultAlpha = 0.05;

    public static (Verdict Verdict, double PFaster, double PSlower) Compare(
        IReadOnlyList<double> baselineMs, IReadOnlyList<double> candidateMs, double threshold = DefaultThreshold, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(baselineMs);
        ArgumentNullException.ThrowIfNull(candidateMs);
        if (baselineMs.Count < 2 || candidateMs.Count < 2)
        {
            return (Verdict.Same, 1, 1);
        }

        var baseline = new Sample(baselineMs.ToArray());
        var stretched = new Sample(candidateMs.Select(t => t * (1 + threshold)).ToArray());
        var shrunk = new Sample(candidateMs.Select(t => t / (1 + threshold)).ToArray());
        var pFaster = PValue(baseline, stretched); // H1: baseline > candidate * (1 + t)
        var pSlower = PValue(shrunk, baseline);    // H1: candidate / (1 + t) > baseline
        var verdict = pFaster < alpha ? Verdict.Faster : pSlower < alpha ? Verdict.Slower : Verdict.Same;
        return (verdict, pFaster, pSlower);
    }

    /// <summary>p-value of H1: x is stochastically greater than y.</summary>
    public static double PValue(Sample x, Sample y) =>
        MannWhitneyTest.Instance.Perform(x, y, AlternativeHypothesis.Greater, Threshold.Zero).PValue.Value;
}
