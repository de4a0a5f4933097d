using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Tests.Measurement;

/// <summary>Statistics on synthetic samples with known answers.</summary>
public sealed class SampleStatisticsTests
{
    [Fact]
    public void Summary_OfAKnownSample()
    {
        var stats = new SampleStatistics([4, 1, 3, 2, 5], removeOutliers: false);
        Assert.Equal(3, stats.Median);
        Assert.Equal(3, stats.Mean);
        Assert.Equal(1, stats.Min);
        Assert.Equal(5, stats.Max);
        Assert.Equal(Math.Sqrt(2.5), stats.StdDev, 12);
        Assert.Equal(2.5, new SampleStatistics([4, 1, 3, 2], false).Median);
    }

    [Theory]
    [InlineData(5, 1, 5, 0.9375)]     // too few for 95%: [min, max] covers 1 - 2/32
    [InlineData(10, 2, 9, 0.97852)]   // the textbook ranks (2, 9) for n = 10
    [InlineData(20, 6, 15, 0.95861)]  // ranks (6, 15) for n = 20
    public void MedianInterval_UsesTheBinomialRanks(int n, int lowerRank, int upperRank, double level)
    {
        var sorted = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        var (lower, upper, coverage) = SampleStatistics.MedianInterval(sorted, 0.95);
        Assert.Equal(lowerRank, lower);
        Assert.Equal(upperRank, upper);
        Assert.Equal(level, coverage, 4);
    }

    [Fact]
    public void MedianInterval_CoversTheTrueMedian_AtItsStatedRate()
    {
        // Log-normal run times (right-skewed, like real ones): true median e^mu = e^2.
        var random = new Random(7);
        const int trials = 4000, n = 15;
        var covered = 0;
        var level = 0.0;
        for (var t = 0; t < trials; t++)
        {
            var sample = Enumerable.Range(0, n).Select(_ => Math.Exp(2 + 0.3 * Gaussian(random))).Order().ToArray();
            var (lower, upper, coverage) = SampleStatistics.MedianInterval(sample, 0.95);
            level = coverage;
            covered += lower <= Math.Exp(2) && Math.Exp(2) <= upper ? 1 : 0;
        }

        // Exact level for n = 15 is 1 - 2 P(B <= 3) = 0.9648; 4000 trials give a standard error of 0.003.
        Assert.Equal(0.9648, level, 4);
        Assert.InRange((double)covered / trials, level - 0.012, level + 0.012);
    }

    [Fact]
    public void Outliers_AreCounted_AndRemovedOnlyWhenAsked()
    {
        double[] samples = [10, 10.2, 9.9, 10.1, 10, 10.3, 55];
        var removed = new SampleStatistics(samples, removeOutliers: true);
        var kept = new SampleStatistics(samples, removeOutliers: false);
        Assert.Equal(1, removed.Outliers);
        Assert.Equal(1, kept.Outliers);
        Assert.Equal(10.3, removed.Max);
        Assert.Equal(55, kept.Max);
        Assert.Equal(6, removed.Count);
    }

    [Fact]
    public void LargeSamples_UseTheNormalApproximation_WithoutCollapsing()
    {
        var sorted = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        var (lower, upper, _) = SampleStatistics.MedianInterval(sorted, 0.95);
        // n/2 -+ 1.96 sqrt(n)/2 = 500 -+ 31
        Assert.InRange(lower, 466, 472);
        Assert.InRange(upper, 529, 535);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
