namespace MandelPS.Engine.Measurement;

/// <summary>
/// Summary statistics of one set of per-run times, computed once. The median's confidence interval is
/// distribution-free, from order statistics: [x(k), x(n-k+1)] with the largest k such that a
/// Binomial(n, 1/2) puts at most alpha/2 below k, so its coverage is at least the stated level whatever
/// the distribution of run times (noisy machines are rarely normal). <see cref="CiLevel"/> is the
/// exact coverage achieved, which for very small samples is below 95%.
/// </summary>
public sealed class SampleStatistics
{
    public SampleStatistics(IReadOnlyList<double> samples, bool removeOutliers, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("At least one sample is required.", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        var (low, high) = TukeyFences(sorted);
        Outliers = sorted.Count(x => x < low || x > high);
        var kept = removeOutliers && Outliers < sorted.Length ? sorted.Where(x => x >= low && x <= high).ToArray() : sorted;

        Count = kept.Length;
        Min = kept[0];
        Max = kept[^1];
        Mean = kept.Average();
        StdDev = kept.Length > 1 ? Math.Sqrt(kept.Sum(x => (x - Mean) * (x - Mean)) / (kept.Length - 1)) : 0;
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
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Order-statistic interval for the median of an ascending sample: [x(r), x(n-r+1)] (1-based) covers
    /// the true median with probability 1 - 2 P(B &lt;= r-1), B ~ Binomial(n, 1/2); r is the largest rank
    /// keeping that at or above the confidence asked. Exact binomial up to n = 60, normal beyond.
    /// </summary>
    public static (double Lower, double Upper, double Level) MedianInterval(IReadOnlyList<double> sorted, double confidence)
    {
        var n = sorted.Count;
        var halfAlpha = (1 - confidence) / 2;
        int r;
        double below; // P(B <= r - 1)
        if (n <= 60)
        {
            r = 1;
            below = Math.Pow(0.5, n);
            var term = below; // P(B = r - 1)
            while (r < (n + 1) / 2)
            {
                term *= (double)(n - r + 1) / r; // P(B = r)
                if (below + term > halfAlpha)
                {
                    break;
                }

                below += term;
                r++;
            }
        }
        else
        {
            var z = NormalQuantile(1 - halfAlpha);
            r = Math.Max(1, (int)Math.Floor((n - z * Math.Sqrt(n)) / 2));
            below = halfAlpha;
        }

        return (sorted[r - 1], sorted[n - r], 1 - 2 * below);
    }

    /// <summary>Acklam's rational approximation of the standard normal quantile (|error| &lt; 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must be in (0, 1)");
        }

        double[] a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
        double[] b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
        double[] c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
        double[] d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - 0.02425)
        {
            return -NormalQuantile(1 - p);
        }

        var u = p - 0.5;
        var t = u * u;
        return (((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t + a[5]) * u / (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t + 1);
    }

    private static (double Low, double High) TukeyFences(double[] sorted)
    {
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        var iqr = q3 - q1;
        return (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
    }
}
