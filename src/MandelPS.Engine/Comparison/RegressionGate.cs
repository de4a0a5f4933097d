using System.Globalization;
using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// A CI gate that fails closed: a comparison passes only when something was compared, nothing the
/// baseline had is missing, every row passed its correctness check, none is Slower and, unless allowed,
/// none is Inconclusive. Returns one line per reason it fails (empty: pass).
/// </summary>
public static class RegressionGate
{
    public static IReadOnlyList<string> Failures(IReadOnlyList<KernelComparison> rows, IReadOnlyList<string> missing, bool allowInconclusive = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(missing);
        var failures = new List<string>();
        if (rows.Count == 0)
        {
            failures.Add("nothing could be compared");
        }

        failures.AddRange(missing.Select(m => $"missing from the new results: {m}"));
        foreach (var row in rows)
        {
            var what = row.Describe();
            if (row.Status != MeasurementStatus.Ok)
            {
                failures.Add($"{what} failed its correctness check");
            }
            else if (row.Verdict == Verdict.Slower)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what} is slower: speedup {row.Speedup:0.###} (p = {row.PValue:0.####})"));
            }
            else if (row.Verdict == Verdict.Inconclusive && !allowInconclusive)
            {
                failures.Add($"{what} is inconclusive: {row.VerdictReason}");
            }
        }

        return failures;
    }
}
