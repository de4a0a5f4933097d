using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Tests.Comparison;

/// <summary>The Mann-Whitney verdicts against cases computed by hand.</summary>
public sealed class SignificanceTestTests
{
    [Fact]
    public void PValue_CompletelySeparatedSamples_IsOneOverTheArrangements()
    {
        // n = m = 5, every baseline time above every candidate time: of the C(10,5) = 252 equally likely
        // rank arrangements under H0 only this one has U = 25, so P(U >= 25) = 1/252.
        var outcome = SignificanceTest.Compare([10.0, 11, 12, 13, 14], [1.0, 2, 3, 4, 5], threshold: 0, alpha: 0.05);
        Assert.Equal(Verdict.Faster, outcome.Verdict);
        Assert.Equal(1.0 / 252, outcome.PFaster, 10);
    }

    [Theory]
    [InlineData(3, 3, 0.05)]
    [InlineData(2, 2, 1.0 / 6)]
    [InlineData(4, 4, 1.0 / 70)]
    [InlineData(1, 9, 0.1)]
    public void SmallestPossiblePValue_IsOneArrangementOfAll(int n, int m, double expected) =>
        Assert.Equal(expected, SignificanceTest.SmallestPossiblePValue(n, m), 12);

    [Fact]
    public void TooFewRuns_AreInconclusive_WithTheReason_EvenForAHugeSpeedup()
    {
        // 3 runs a side: the best p is 1/20 = 0.05, never below alpha 0.05, whatever the data say.
        var outcome = SignificanceTest.Compare([100.0, 101, 102], [10.0, 11, 12], threshold: 0.05, alpha: 0.05);
        Assert.Equal(Verdict.Inconclusive, outcome.Verdict);
        Assert.Contains("more runs", outcome.Reason);
    }

    [Fact]
    public void Verdict_TwiceAsFast_IsFaster()
    {
        var baseline = Noisy(100, 20, seed: 1);
        var candidate = Noisy(50, 20, seed: 2);
        Assert.Equal(Verdict.Faster, SignificanceTest.Compare(baseline, candidate, 0.05, 0.05).Verdict);
        Assert.Equal(Verdict.Slower, SignificanceTest.Compare(candidate, baseline, 0.05, 0.05).Verdict);
    }

    [Fact]
    public void Verdict_ADifferenceBelowTheThreshold_IsSame()
    {
        // 3% faster and noise-free is still "Same" at a 5% threshold; at 1% it is Faster.
        var baseline = Enumerable.Range(0, 10).Select(i => 100.0 + i * 0.01).ToArray();
        var candidate = baseline.Select(t => t * 0.97).ToArray();
        Assert.Equal(Verdict.Same, SignificanceTest.Compare(baseline, candidate, threshold: 0.05, alpha: 0.05).Verdict);
        Assert.Equal(Verdict.Faster, SignificanceTest.Compare(baseline, candidate, threshold: 0.01, alpha: 0.05).Verdict);
    }

    [Fact]
    public void Verdict_TwoSamplesOfTheSameNoise_IsSame()
    {
        var same = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            same += SignificanceTest.Compare(Noisy(100, 15, seed), Noisy(100, 15, seed + 1000), 0.05, 0.05).Verdict == Verdict.Same ? 1 : 0;
        }

        // With a 5% threshold, identical distributions (3% noise) essentially never read as different.
        Assert.True(same >= 195, $"{same}/200 read as Same");
    }

    [Fact]
    public void SpeedupInterval_ContainsTheObservedRatio_AndIsReproducible()
    {
        var baseline = Noisy(100, 20, seed: 5);
        var candidate = Noisy(40, 20, seed: 6);
        var observed = SampleStatistics.Quantile(baseline.Order().ToArray(), 0.5) / SampleStatistics.Quantile(candidate.Order().ToArray(), 0.5);
        var (lower, upper) = SpeedupInterval.Compute(baseline, candidate, seed: 9);
        Assert.InRange(observed, lower, upper);
        Assert.True(lower > 2.3 && upper < 2.7 && upper / lower < 1.1, $"[{lower}, {upper}] is not a tight interval around 2.5");
        Assert.Equal((lower, upper), SpeedupInterval.Compute(baseline, candidate, seed: 9));
    }

    private static double[] Noisy(double centre, int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => centre * (1 + 0.03 * (random.NextDouble() - 0.5) * 2)).ToArray();
    }
}
