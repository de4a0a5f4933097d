namespace MandelPS.Engine.Measurement;

/// <summary>Summary statistics of a sample of run times, computed once.</summary>
public sealed class Statistics
{
    public Statistics(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("At least one sample is required.", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        Count = sorted.Length;
        Min = sorted[0];
        Max = sorted[^1];
        Mean = sorted.Average();
        Median = Quantile(sorted, 0.5);
    }

    public int Count { get; }

    public double Min { get; }

    public double Max { get; }

    public double Mean { get; }

    public double Median { get; }

    /// <summary>Type-7 (linear interpolation) quantile of an ascending sample.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
