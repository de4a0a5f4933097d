using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// Compares two saved result sets row by row, each row with the row of the same request (its whole
/// <see cref="Planning.RequestColumns.RequestKey"/>: problem, kernel and every setting), redoing the
/// significance test on the saved samples. Warns when the sets come from different machines or were
/// measured with different settings, since then a difference may not be the code's, and names every
/// row of either set that finds no partner.
/// </summary>
public static class ResultSetComparer
{
    public static SavedComparison Compare(IReadOnlyList<KernelMeasurement> reference, IReadOnlyList<KernelMeasurement> difference, MeasurementSettings settings, Clock clock = Clock.Wall)
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
            if (!baseline.TryAdd(row.RequestKey, row))
            {
                warnings.Add($"The reference set has {row.Describe()} more than once; the last one is used.");
                baseline[row.RequestKey] = row;
            }
        }

        var rows = new List<KernelComparison>();
        var matched = new HashSet<string>();
        foreach (var candidate in difference)
        {
            if (!baseline.TryGetValue(candidate.RequestKey, out var before))
            {
                warnings.Add($"{candidate.Describe()} has no row in the reference set.");
                continue;
            }

            if (!matched.Add(candidate.RequestKey))
            {
                warnings.Add($"The difference set has {candidate.Describe()} more than once; each is compared.");
            }

            rows.Add(Row(before, candidate, settings, clock));
        }

        var missing = baseline.Where(p => !matched.Contains(p.Key)).Select(p => p.Value.Describe()).ToList();
        warnings.AddRange(missing.Select(m => $"{m} has no row in the difference set."));
        return new SavedComparison(rows, warnings, missing);
    }

    private static KernelComparison Row(KernelMeasurement before, KernelMeasurement after, MeasurementSettings settings, Clock clock)
    {
        var failed = before.Status != MeasurementStatus.Ok || after.Status != MeasurementStatus.Ok;
        var timing = new ComparisonTiming
        {
            BaselineSamples = SampleText.Parse(before.SamplesMs),
            CandidateSamples = SampleText.Parse(after.SamplesMs),
            BaselineCpuSamples = SampleText.Parse(before.CpuSamplesMs),
            CandidateCpuSamples = SampleText.Parse(after.CpuSamplesMs),
            Settings = settings,
            Clock = clock,
            Drift = DriftBetween(before, after),
            Failure = failed ? "a row failed its correctness check" : "",
        };
        var sumDelta = after.ValidationSum - before.ValidationSum;
        return new KernelComparison(after, timing)
        {
            Baseline = before.Kernel,
            BaselinePrecision = before.Precision,
            DeviceName = after.DeviceName,
            Status = after.Status,
            ParallelEfficiency = after.ParallelEfficiency,
            // Saved rows carry their loss against the reference, not their counts: the new row's is shown.
            DifferingPixels = after.DifferingPixels,
            DifferingPercent = after.Width * (long)after.Height == 0 ? 0 : 100.0 * after.DifferingPixels / (after.Width * (long)after.Height),
            ValidationSumDelta = sumDelta,
            MaxCountError = after.MaxCountError,
            IsExact = sumDelta == 0 && before.DifferingPixels == 0 && after.DifferingPixels == 0,
            Method = ComparisonMethod.Saved,
            ComputerName = after.ComputerName,
        };
    }

    /// <summary>
    /// How far this machine moves between processes, for two rows' samples: none within one run (the same
    /// set, a sweep compared with itself), the larger of the two rows' measured drift (Processes), or unknown.
    /// </summary>
    internal static double? DriftBetween(KernelMeasurement before, KernelMeasurement after)
    {
        if (before.RunId.Length > 0 && before.RunId == after.RunId)
        {
            return 0;
        }

        return before.Drift is { } a && after.Drift is { } b ? Math.Max(a, b) : null;
    }

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
