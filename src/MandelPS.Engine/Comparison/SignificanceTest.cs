using System.Globalization;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// The stated test behind every verdict: two one-sided Mann-Whitney U tests (Perfolizer's, exact for
/// small samples) on the run times with a relative threshold. The candidate is Faster when the
/// baseline's times are significantly above the candidate's stretched by (1 + threshold), Slower when
/// the candidate's are significantly above the baseline's stretched by (1 + threshold), and Same
/// otherwise; so a 2% difference on a noisy machine with a 5% threshold reads as Same. With so few runs
/// that no arrangement could reach alpha, the verdict is Inconclusive and says why.
/// </summary>
public static class SignificanceTest
{
    public static TestOutcome Compare(IReadOnlyList<double> baselineMs, IReadOnlyList<double> candidateMs, double threshold, double alpha)
    {
        ArgumentNullException.ThrowIfNull(baselineMs);
        ArgumentNullException.ThrowIfNull(candidateMs);
        if (SmallestPossiblePValue(baselineMs.Count, candidateMs.Count) is var smallest && smallest >= alpha)
        {
            return new TestOutcome(Verdict.Inconclusive, 1, 1, string.Create(CultureInfo.InvariantCulture,
                $"{baselineMs.Count} and {candidateMs.Count} runs cannot reach alpha {alpha:0.###} (the smallest possible p is {smallest:0.###}); measure with more runs (4 or more per side at alpha 0.05)"));
        }

        var baseline = new Sample([.. baselineMs]);
        var candidate = new Sample([.. candidateMs]);
        var shift = PercentValue.Of(threshold * 100).ToThreshold();
        var pFaster = PValue(baseline, candidate, shift); // H1: baseline > candidate * (1 + t)
        var pSlower = PValue(candidate, baseline, shift); // H1: candidate > baseline * (1 + t)
        var verdict = pFaster < alpha ? Verdict.Faster : pSlower < alpha ? Verdict.Slower : Verdict.Same;
        return new TestOutcome(verdict, pFaster, pSlower, "");
    }

    /// <summary>
    /// The one-sided exact Mann-Whitney test's smallest p-value for samples of n and m: every x above
    /// every y, one arrangement of C(n+m, n). 1 when a side has no runs.
    /// </summary>
    public static double SmallestPossiblePValue(int n, int m)
    {
        if (n == 0 || m == 0)
        {
            return 1;
        }

        var p = 1.0;
        for (var k = 1; k <= Math.Min(n, m); k++)
        {
            p *= (double)k / (Math.Max(n, m) + k);
        }

        return p;
    }

    private static double PValue(Sample x, Sample y, Threshold shift) =>
        MannWhitneyTest.Instance.GetPValue(x, y, AlternativeHypothesis.Greater, shift);
}

/// <summary>A verdict with both one-sided p-values and, when Inconclusive, the reason.</summary>
public sealed record TestOutcome(Verdict Verdict, double PFaster, double PSlower, string Reason)
{
    /// <summary>The p-value behind the verdict: of "faster" when Faster, else of "slower".</summary>
    public double PValue => Verdict == Verdict.Faster ? PFaster : PSlower;
}
