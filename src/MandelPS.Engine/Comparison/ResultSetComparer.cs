using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// Compares two saved result sets row by row (same kernel, problem, threads and vector width), redoing
/// the significance test on the saved samples. Warns when the sets come from different machines or
/// were measured with different settings, since then a difference may not be the code's, and lists
/// the reference rows the new set lacks.
/// </summary>
public static class ResultSetComparer
{
    public static SavedComparison Compare(IReadOnlyList<KernelMeasurement> reference, IReadOnlyList<KernelMeasurement> difference, MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(difference);
        ArgumentNullException.ThrowIfNull(settings);
        var warnings = new List<string>();
        Differs(warnings, "machines", reference, difference, r => $"{r.ComputerName} ({r.ProcessorName}, {r.LogicalCores} cores)");
        Differs(warnings, "measurement settings", reference, difference, r => r.Settings);
        Differs(warnings, ".NET versions", reference, difference, r => r.DotNetVersion);

        var baseline = new Dictionary<string, KernelMeasurement>();
        foreach (var row in reference)
        {
            if (!baseline.TryAdd(Key(row), row))
            {
                warnings.Add($"The reference set has {Describe(row)} more than once; the last one is used.");
                baseline[Key(row)] = row;
            }
        }

        var rows = new List<KernelComparison>();
        var matched = new HashSet<string>();
        foreach (var candidate in difference)
        {
            if (!baseline.TryGetValue(Key(candidate), out var before))
            {
                warnings.Add($"{Describe(candidate)} has no row in the reference set.");
                continue;
            }

            matched.Add(Key(candidate));
            rows.Add(Row(before, candidate, settings));
        }

        var missing = baseline.Where(p => !matched.Contains(p.Key)).Select(p => Describe(p.Value)).ToList();
        return new SavedComparison(rows, warnings, missing);
    }

    private static KernelComparison Row(KernelMeasurement before, KernelMeasurement after, MeasurementSettings settings)
    {
        var a = SampleText.Parse(before.SamplesMs);
        var b = SampleText.Parse(after.SamplesMs);
        var outcome = SignificanceTest.Compare(a, b, settings.Threshold, settings.Alpha);
        var failed = before.Status != MeasurementStatus.Ok || after.Status != MeasurementStatus.Ok;
        // Medians from the saved run times when there are any, so speedup and verdict describe the same data.
        var beforeMs = a.Length > 0 ? new SampleStatistics(a, settings.RemoveOutliers).Median : before.MedianMs;
        var afterMs = b.Length > 0 ? new SampleStatistics(b, settings.RemoveOutliers).Median : after.MedianMs;
        var (lower, upper) = a.Length > 0 && b.Length > 0 ? SpeedupInterval.Compute(a, b, settings.Seed) : (0.0, 0.0);
        var sumDelta = after.ValidationSum - before.ValidationSum;
        return new KernelComparison
        {
            Kernel = after.Kernel,
            Baseline = before.Kernel,
            Width = after.Width,
            Height = after.Height,
            MaxIterations = after.MaxIterations,
            Precision = after.Precision,
            BaselinePrecision = before.Precision,
            Grid = after.Grid,
            Viewport = after.Viewport,
            TutorialSize = after.TutorialSize,
            Formula = after.Formula,
            EscapeRadius = after.EscapeRadius,
            Threads = after.Threads,
            VectorWidth = after.VectorWidth,
            Status = after.Status,
            Runs = after.Runs,
            BaselineMedianMs = beforeMs,
            MedianMs = afterMs,
            Speedup = afterMs > 0 ? beforeMs / afterMs : 0,
            SpeedupCiLower = lower,
            SpeedupCiUpper = upper,
            Verdict = failed ? Verdict.Inconclusive : outcome.Verdict,
            VerdictReason = failed ? "a row failed its correctness check" : outcome.Reason,
            PValue = outcome.PValue,
            Threshold = settings.Threshold,
            Alpha = settings.Alpha,
            ParallelEfficiency = after.ParallelEfficiency,
            // Saved rows carry their loss against the reference, not their counts: the new row's is shown.
            DifferingPixels = after.DifferingPixels,
            DifferingPercent = after.Width * (long)after.Height == 0 ? 0 : 100.0 * after.DifferingPixels / (after.Width * (long)after.Height),
            ValidationSumDelta = sumDelta,
            MaxCountError = after.MaxCountError,
            IsExact = sumDelta == 0 && before.DifferingPixels == 0 && after.DifferingPixels == 0,
            Method = ComparisonMethod.Saved,
            ComputerName = after.ComputerName,
            Settings = after.Settings,
            BaselineSamplesMs = before.SamplesMs,
            SamplesMs = after.SamplesMs,
        };
    }

    private static string Key(KernelMeasurement r) => $"{r.Kernel}|{r.ProblemKey}|{r.Threads}|{r.VectorWidth}";

    private static string Describe(KernelMeasurement r) => $"{r.Kernel} on {r.ProblemKey} ({r.Threads} threads, {r.VectorWidth})";

    private static void Differs(List<string> warnings, string what, IEnumerable<KernelMeasurement> a, IEnumerable<KernelMeasurement> b, Func<KernelMeasurement, string> describe)
    {
        var left = a.Select(describe).Distinct().Order().ToList();
        var right = b.Select(describe).Distinct().Order().ToList();
        if (!left.SequenceEqual(right))
        {
            warnings.Add($"The result sets come from different {what}: {string.Join(" / ", left)} vs {string.Join(" / ", right)}.");
        }
    }
}

/// <summary>Rows compared, warnings, and the reference rows the new set lacks.</summary>
public sealed record SavedComparison(IReadOnlyList<KernelComparison> Rows, IReadOnlyList<string> Warnings, IReadOnlyList<string> Missing);
