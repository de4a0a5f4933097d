namespace MandelPS.Engine.Comparison;

/// <summary>
/// A 95% percentile-bootstrap interval for speedup = median(baseline) / median(candidate): both samples
/// resampled with replacement 2000 times from the settings' seed, so the interval is reproducible.
/// (Perfolizer has no bootstrap, hence this small one.)
/// </summary>
public static class SpeedupInterval
{
    private const int Resamples = 2000;

    public static (double Lower, double Upper) Compute(IReadOnlyList<double> baselineMs, IReadOnlyList<double> candidateMs, int seed, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(baselineMs);
        ArgumentNullException.ThrowIfNull(candidateMs);
        if (baselineMs.Count == 0 || candidateMs.Count == 0)
        {
            return (0, 0);
        }

        var random = new Random(seed);
        var ratios = new double[Resamples];
        var a = new double[baselineMs.Count];
        var b = new double[candidateMs.Count];
        for (var r = 0; r < Resamples; r++)
        {
            Resample(baselineMs, a, random);
            Resample(candidateMs, b, random);
            ratios[r] = Median(a) / Median(b);
        }

        Array.Sort(ratios);
        var tail = (1 - confidence) / 2;
        return (ratios[(int)Math.Floor(tail * (Resamples - 1))], ratios[(int)Math.Ceiling((1 - tail) * (Resamples - 1))]);
    }

    private static void Resample(IReadOnlyList<double> source, double[] target, Random random)
    {
        for (var k = 0; k < target.Length; k++)
        {
            target[k] = source[random.Next(source.Count)];
        }
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return Measurement.SampleStatistics.Quantile(values, 0.5);
    }
}
