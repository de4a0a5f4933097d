using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// How far a kernel's counts are from a baseline's on the same grid: the "precision loss" column of a
/// speedup-vs-loss table. Zero everywhere means bit-for-bit equal. For histograms (the Buddhabrot)
/// <see cref="CountSumDelta"/> is the increments lost (negative) and <see cref="RelativeL1"/> the image
/// difference.
/// </summary>
public sealed record PrecisionLoss(long DifferingPixels, long TotalPixels, long ValidationSumDelta, int MaxCountError, long CountSumDelta, double RelativeL1)
{
    public double DifferingPercent => TotalPixels == 0 ? 0 : 100.0 * DifferingPixels / TotalPixels;

    public bool IsExact => DifferingPixels == 0;

    public static PrecisionLoss Between(RenderResult baseline, RenderResult candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Width != candidate.Width || baseline.Height != candidate.Height)
        {
            throw new ArgumentException(
                $"Cannot compare a {candidate.Width}x{candidate.Height} result with a {baseline.Width}x{baseline.Height} baseline.",
                nameof(candidate));
        }

        long differing = 0, absolute = 0, baselineSum = 0, candidateSum = 0;
        var maxError = 0;
        var a = baseline.Counts;
        var b = candidate.Counts;
        for (var k = 0; k < a.Length; k++)
        {
            baselineSum += a[k];
            candidateSum += b[k];
            if (a[k] != b[k])
            {
                differing++;
                var error = Math.Abs((long)a[k] - b[k]);
                absolute += error;
                maxError = (int)Math.Min(int.MaxValue, Math.Max(maxError, error));
            }
        }

        return new PrecisionLoss(differing, a.Length, candidate.ValidationSum - baseline.ValidationSum, maxError,
            candidateSum - baselineSum, baselineSum == 0 ? (absolute == 0 ? 0 : 1) : (double)absolute / Math.Abs(baselineSum));
    }
}
