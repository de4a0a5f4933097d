using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// How far a kernel's counts are from a baseline's on the same grid: the "precision loss" column of a
/// speedup-vs-precision table. Zero everywhere means bit-for-bit equal.
/// </summary>
public sealed record PrecisionLoss(long DifferingPixels, long TotalPixels, long ValidationSumDelta, int MaxCountError)
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

        long differing = 0;
        var maxError = 0;
        var a = baseline.Counts;
        var b = candidate.Counts;
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] != b[k])
            {
                differing++;
                maxError = Math.Max(maxError, Math.Abs(a[k] - b[k]));
            }
        }

        return new PrecisionLoss(differing, a.Length, candidate.ValidationSum - baseline.ValidationSum, maxError);
    }
}
