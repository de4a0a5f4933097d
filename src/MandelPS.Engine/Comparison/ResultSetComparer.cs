using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// Compares two saved result sets row by row (same kernel, problem, threads and vector width), redoing
/// the significance test on the saved samples. Warns when the sets come from different machines or
/// were measured with different settings, since then a difference may not be the code's.
/// </summary>
public static class ResultSetComparer
{
    public static (IReadOnlyList<KernelComparison> Rows, IReadOnlyList<string> Warnings) Compare(
        IReadOnlyList<KernelMeasurement> reference, IReadOnlyList<KernelMeasurement> difference,
        double threshold = SignificanceTest.DefaultThreshold, double alpha = SignificanceTest.DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(difference);
        var warnings = new List<string>();
        Differs(warnings, "machines", reference, difference, r => $"{r.ComputerName} ({r.ProcessorName}, {r.LogicalCores} cores)");
        Differs(warnings, "measurement settings", reference, difference, r => r.Settings);
        Differs(warnings, ".NET versions", reference, difference, r => r.DotNetVersion);

        static string Key(KernelMeasurement r) => $"{r.Kernel}|{r.ProblemKey}|{r.Threads}|{r.VectorWidth}";
        var baseline = reference.GroupBy(Key).ToDictionary(g => g.Key, g => g.Last());
        var rows = new List<KernelComparison>();
        foreach (var candidate in difference)
        {
            if (!baseline.TryGetValue(Key(candidate), out var before))
            {
                warnings.Add($"{candidate.Kernel} on {candidate.ProblemKey} ({candidate.Threads} threads) has no row in the reference set.");
                continue;
            }

            var a = SampleText.Parse(before.SamplesMs);
            var b = SampleText.Parse(candidate.SamplesMs);
            var tested = a.Length >= 2 && b.Length >= 2;
            if (!tested)
            {
                warnings.Add($"{candidate.Kernel} on {candidate.ProblemKey}: fewer than two saved samples on a side, so no test (verdict Unknown).");
            }

            var (verdict, pFaster, pSlower) = tested ? SignificanceTest.Compare(a, b, threshold, alpha) : (Verdict.Same, 1.0, 1.0);
            // Medians from the saved run times when there are any, so speedup and verdict describe the same data.
            var beforeMs = a.Length > 0 ? SampleStatistics.Quantile(a.Order().ToArray(), 0.5) : before.MedianMs;
            var afterMs = b.Length > 0 ? SampleStatistics.Quantile(b.Order().ToArray(), 0.5) : candidate.MedianMs;
            var (lower, upper) = tested ? SpeedupInterval.Compute(a, b, seed: 1) : (0.0, 0.0);
            rows.Add(new KernelComparison
            {
                Kernel = candidate.Kernel,
                Baseline = before.Kernel,
                Width = candidate.Width,
                Height = candidate.Height,
                MaxIterations = candidate.MaxIterations,
                Precision = candidate.Precision,
                BaselinePrecision = before.Precision,
                Threads = candidate.Threads,
                Runs = candidate.Runs,
                BaselineMedianMs = beforeMs,
                MedianMs = afterMs,
                Speedup = afterMs > 0 ? beforeMs / afterMs : 0,
                SpeedupCiLower = lower,
                SpeedupCiUpper = upper,
                Verdict = tested ? verdict.ToString() : "Unknown",
                PValue = verdict == Verdict.Faster ? pFaster : pSlower,
                Threshold = threshold,
                Alpha = alpha,
                ParallelEfficiency = candidate.ParallelEfficiency,
                DifferingPixels = candidate.DifferingPixels,
                ValidationSumDelta = candidate.ValidationSum - before.ValidationSum,
                IsExact = candidate.ValidationSum == before.ValidationSum,
                Method = "Saved",
                ComputerName = candidate.ComputerName,
                Settings = candidate.Settings,
                BaselineSamplesMs = before.SamplesMs,
                SamplesMs = candidate.SamplesMs,
            });
        }

        return (rows, warnings);
    }

    private static void Differs(List<string> warnings, string what, IEnumerable<KernelMeasurement> a, IEnumerable<KernelMeasurement> b, Func<KernelMeasurement, string> describe)
    {
        var left = a.Select(describe).Distinct().ToList();
        var right = b.Select(describe).Distinct().ToList();
        if (!left.Order().SequenceEqual(right.Order()))
        {
            warnings.Add($"The result sets come from different {what}: {string.Join(" / ", left)} vs {string.Join(" / ", right)}.");
        }
    }
}
