using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Distributions.DiscreteDistributions;
using Perfolizer.Mathematics.OutlierDetection;
using Perfolizer.Mathematics.QuantileEstimators;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Summary statistics of one set of per-run times, computed once (quantiles, Tukey's fences and moments
/// from Perfolizer). The median's confidence interval is distribution-free, from order statistics:
/// [x(r), x(n-r+1)] with the largest r such that a Binomial(n, 1/2) puts at most alpha/2 below r, so
/// its coverage is at least the stated level whatever the distribution of run times (noisy machines
/// are rarely normal). <see cref="CiLevel"/> is the exact coverage achieved, which for very small
/// samples is below 95%.
/// </summary>
public sealed class SampleStatistics
{
    // Perfolizer's binomial CDF goes through the incomplete beta function (~1e-10 off); ranks whose
    // tail sits exactly on alpha/2 must not flip on that.
    private const double CdfTolerance = 1e-9;

    public SampleStatistics(IReadOnlyList<double> samples, bool removeOutliers, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0 || samples.Any(s => !double.IsFinite(s)))
        {
            throw new ArgumentException("At least one sample is required, and every sample must be a finite number.", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        var fences = TukeyOutlierDetector.Create(sorted);
        Outliers = sorted.Count(fences.IsOutlier);
        var kept = removeOutliers && Outliers < sorted.Length ? sorted.Where(x => !fences.IsOutlier(x)).ToArray() : sorted;

        Count = kept.Length;
        Min = kept[0];
        Max = kept[^1];
        var moments = Moments.Create(kept);
        Mean = moments.Mean;
        StdDev = kept.Length > 1 ? moments.StandardDeviation : 0;
        Median = Quantile(kept, 0.5);
        (MedianCiLower, MedianCiUpper, CiLevel) = MedianInterval(kept, confidence);
    }

    /// <summary>Samples used (after outlier removal if asked).</summary>
    public int Count { get; }

    /// <summary>Samples outside Tukey's fences, removed or not.</summary>
    public int Outliers { get; }

    public double Min { get; }

    public double Max { get; }

    public double Mean { get; }

    public double StdDev { get; }

    public double Median { get; }

    public double MedianCiLower { get; }

    public double MedianCiUpper { get; }

    /// <summary>The exact coverage of [MedianCiLower, MedianCiUpper] (e.g. 0.9785 for n = 10).</summary>
    public double CiLevel { get; }

    /// <summary>The CI's width over the median: 0.02 means the median is known to about +-1%.</summary>
    public double RelativeCiWidth => Median > 0 ? (MedianCiUpper - MedianCiLower) / Median : double.PositiveInfinity;

    /// <summary>Type-7 (linear interpolation) quantile of an ascending sample.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p) =>
        SimpleQuantileEstimator.Instance.Quantile(sorted, p);

    /// <summary>
    /// Order-statistic interval for the median of an ascending sample: [x(r), x(n-r+1)] (1-based) covers
    /// the true median with probability 1 - 2 P(B &lt;= r-1), B ~ Binomial(n, 1/2); r is the largest rank
    /// keeping that at or above the confidence asked (r = 1, the whole range, when none does).
    /// </summary>
    public static (double Lower, double Upper, double Level) MedianInterval(IReadOnlyList<double> sorted, double confidence)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var n = sorted.Count;
        var halfAlpha = (1 - confidence) / 2;
        var binomial = new BinomialDistribution(n, 0.5);
        // Start a little below the normal approximation's rank, so large samples need few CDF steps.
        var r = Math.Max(1, (int)((n - 3 * Math.Sqrt(n)) / 2));
        while (r > 1 && binomial.Cdf(r - 1) > halfAlpha + CdfTolerance)
        {
            r--;
        }

        while (r < (n + 1) / 2 && binomial.Cdf(r) <= halfAlpha + CdfTolerance)
        {
            r++;
        }

        var below = binomial.Cdf(r - 1);
        return (sorted[r - 1], sorted[n - r], Math.Min(1, 1 - 2 * below));
    }
}
