using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using Perfolizer;

namespace MandelPS.Engine.Tests.Comparison;

/// <summary>The Mann-Whitney verdicts against cases computed by hand.</summary>
public sealed class SignificanceTestTests
{
    [Fact]
    public void PValue_CompletelySeparatedSamples_IsOneOverTheArrangements()
    {
        // n = m = 3, every y above every x: of the C(6,3) = 20 equally likely rank arrangements under H0,
        // only this one has U = 9, so P(U >= 9) = 1/20.
        Assert.Equal(0.05, SignificanceTest.PValue(new Sample([4.0, 5, 6]), new Sample([1.0, 2, 3])), 10);
    }

    [Fact]
    public void PValue_InterleavedSamples_CountsArrangementsByHand()
    {
        // x = {2, 4} vs y = {1, 3}: U = #(x > y) = 3. Under H0 the 6 arrangements of n = m = 2 have
        // U = 0, 1, 2, 2, 3, 4, so P(U >= 3) = 2/6.
        Assert.Equal(1.0 / 3, SignificanceTest.PValue(new Sample([2.0, 4]), new Sample([1.0, 3])), 10);
    }

    [Fact]
    public void Verdict_TwiceAsFast_IsFaster()
    {
        var baseline = Noisy(100, 20, seed: 1);
        var candidate = Noisy(50, 20, seed: 2);
        Assert.Equal(Verdict.Faster, SignificanceTest.Compare(baseline, candidate).Verdict);
        Assert.Equal(Verdict.Slower, SignificanceTest.Compare(candidate, baseline).Verdict);
    }

    [Fact]
    public void Verdict_ADifferenceBelowTheThreshold_IsSame()
    {
        // 3% faster and noise-free is still "Same" at a 5% threshold; at 1% it is Faster.
        var baseline = Enumerable.Range(0, 10).Select(i => 100.0 + i * 0.01).ToArray();
        var candidate = baseline.Select(t => t * 0.97).ToArray();
        Assert.Equal(Verdict.Same, SignificanceTest.Compare(baseline, candidate, threshold: 0.05).Verdict);
        Assert.Equal(Verdict.Faster, SignificanceTest.Compare(baseline, candidate, threshold: 0.01).Verdict);
    }

    [Fact]
    public void Verdict_TwoSamplesOfTheSameNoise_IsSame()
    {
        var same = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            same += SignificanceTest.Compare(Noisy(100, 15, seed), Noisy(100, 15, seed + 1000)).Verdict == Verdict.Same ? 1 : 0;
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
