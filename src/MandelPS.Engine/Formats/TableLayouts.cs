using System.Globalization;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Formats;

/// <summary>One column of a table a person reads: its header (with the unit), its width, and its cell's text.</summary>
public sealed record TableColumn(string Header, int Width, bool AlignRight, Func<object, string> Cell);

/// <summary>
/// The tables a person reads, defined once: the CLI prints them, and the module's format file calls
/// <see cref="Cell"/> for every cell of its views, so both hosts show the same columns, headers and
/// rounding (about four significant figures). Each default view fits 80 columns with the kernel's name,
/// the median and the speedup whole; named views (Details, Loss) hold the rest.
/// </summary>
public static class TableLayouts
{
    private static readonly Dictionary<(Type, string), IReadOnlyList<TableColumn>> Views = new()
    {
        [(typeof(KernelMeasurement), "Default")] =
        [
            Text<KernelMeasurement>("Kernel", 24, r => r.Kernel),
            Right<KernelMeasurement>("Size", 11, r => Size(r.Width, r.Height)),
            Text<KernelMeasurement>("Precision", 9, r => r.Precision),
            Right<KernelMeasurement>("Median ms", 12, r => Median(r)),
            Right<KernelMeasurement>("G it/s", 6, r => r.Runs > 0 ? RecordWriter.Display(r.GIterPerSec) : ""),
            Right<KernelMeasurement>("Speedup", 7, r => r.Speedup is { } s ? RecordWriter.Display(s) : ""),
        ],
        [(typeof(KernelMeasurement), "Details")] =
        [
            Text<KernelMeasurement>("Kernel", 24, r => r.Kernel),
            Right<KernelMeasurement>("Size", 11, r => Size(r.Width, r.Height)),
            Right<KernelMeasurement>("Iterations", 10, r => Number(r.MaxIterations)),
            Text<KernelMeasurement>("Precision", 9, r => r.Precision),
            Text<KernelMeasurement>("Settings", 24, r => Settings(r)),
            Right<KernelMeasurement>("Runs", 4, r => Number(r.Runs)),
            Right<KernelMeasurement>("Median ms", 12, r => Median(r)),
            Right<KernelMeasurement>("CPU ms", 8, r => r.Runs > 0 ? RecordWriter.Display(r.CpuMedianMs) : ""),
            Text<KernelMeasurement>("Speedup over", 30, r => r.Speedup is { } s ? $"{Times(s, r.SpeedupCiLower, r.SpeedupCiUpper)} {r.SpeedupBaseline}" : ""),
            Right<KernelMeasurement>("Efficiency", 10, r => r.ParallelEfficiency is { } e ? RecordWriter.Display(e) : ""),
            Right<KernelMeasurement>("% of limit", 10, r => r.PercentOfLimit is { } p ? RecordWriter.Display(p) : ""),
            Text<KernelMeasurement>("CodePath", 40, r => r.CodePath),
        ],
        [(typeof(KernelMeasurement), "Loss")] =
        [
            Text<KernelMeasurement>("Kernel", 24, r => r.Kernel),
            Text<KernelMeasurement>("Precision", 9, r => r.Precision),
            Right<KernelMeasurement>("Differing", 9, r => Number(r.DifferingPixels)),
            Right<KernelMeasurement>("Sum delta", 10, r => Number(r.ValidationSumDelta)),
            Right<KernelMeasurement>("Max error", 9, r => Number(r.MaxCountError)),
            Right<KernelMeasurement>("Rel. L1", 8, r => RecordWriter.Display(r.RelativeL1Difference)),
        ],
        // A rendered image: what was asked and its check, in 80 columns; the file's path, the iteration limit,
        // threads and pixels in the set are the row's too (CSV, JSON, Format-List), and a full path alone can
        // be wider than a terminal.
        [(typeof(RenderSummary), "Default")] =
        [
            Text<RenderSummary>("Kernel", 24, r => r.Kernel),
            Right<RenderSummary>("Size", 11, r => Size(r.Width, r.Height)),
            Text<RenderSummary>("Precision", 9, r => r.Precision),
            Right<RenderSummary>("ValidationSum", 13, r => r.ValidationSum is { } sum ? Number(sum) : ""),
            Right<RenderSummary>("Elapsed ms", 10, r => RecordWriter.Display(r.ElapsedMs)),
        ],
        [(typeof(KernelComparison), "Default")] =
        [
            Text<KernelComparison>("Kernel", 24, r => r.Kernel),
            Text<KernelComparison>("Precision", 9, r => r.Precision),
            Right<KernelComparison>("Size", 11, r => Size(r.Width, r.Height)),
            Right<KernelComparison>("Speedup (95% CI)", 20, r => Interval(r.Speedup, r.SpeedupCiLower, r.SpeedupCiUpper)),
            Text<KernelComparison>("Verdict", 12, r => r.Verdict.ToString()),
        ],
        [(typeof(KernelComparison), "Details")] =
        [
            Text<KernelComparison>("Kernel", 24, r => r.Kernel),
            Text<KernelComparison>("Against", 24, r => $"{r.Baseline} {r.BaselinePrecision}"),
            Text<KernelComparison>("Settings", 24, r => Settings(r)),
            Right<KernelComparison>("Median ms", 10, r => RecordWriter.Display(r.MedianMs)),
            Right<KernelComparison>("Baseline ms", 11, r => RecordWriter.Display(r.BaselineMedianMs)),
            Right<KernelComparison>("Speedup (95% CI)", 20, r => Interval(r.Speedup, r.SpeedupCiLower, r.SpeedupCiUpper)),
            Right<KernelComparison>("CPU speedup", 11, r => r.CpuSpeedup is { } s ? RecordWriter.Display(s) : ""),
            Text<KernelComparison>("Verdict", 12, r => r.Verdict.ToString()),
            Right<KernelComparison>("Detectable", 10, r => Percent(r.DetectableChange)),
            Text<KernelComparison>("Method", 10, r => r.Method.ToString()),
            Text<KernelComparison>("Reason", 40, r => r.VerdictReason),
        ],
        [(typeof(KernelComparison), "Loss")] =
        [
            Text<KernelComparison>("Kernel", 24, r => r.Kernel),
            Text<KernelComparison>("Precision", 9, r => r.Precision),
            Text<KernelComparison>("Against", 17, r => r.Baseline),
            Right<KernelComparison>("Speedup", 7, r => RecordWriter.Display(r.Speedup)),
            Right<KernelComparison>("Differing %", 11, r => RecordWriter.Display(r.DifferingPercent)),
        ],
    };

    /// <summary>The views a row type has: Default, Details, Loss.</summary>
    public static IReadOnlyList<string> ViewsOf(Type type) => [.. Views.Keys.Where(k => k.Item1 == type).Select(k => k.Item2)];

    /// <summary>The columns of a view (Default unless named), or null for a type without views here.</summary>
    public static IReadOnlyList<TableColumn>? For(Type type, string view = "Default") => Views.GetValueOrDefault((type, view));

    /// <summary>One cell's text: what the format file's views and the CLI's tables both show.</summary>
    public static string Cell(object row, string view, string header)
    {
        ArgumentNullException.ThrowIfNull(row);
        var column = For(row.GetType(), view)?.FirstOrDefault(c => c.Header == header)
            ?? throw new ArgumentException($"{row.GetType().Name} has no column '{header}' in its {view} view.", nameof(header));
        return column.Cell(row);
    }

    /// <summary>"ParallelSimd ran 76.1 ± 1.2 times faster than Expanded": hyperfine's summary line for a row with a speedup.</summary>
    public static string? Summary(KernelMeasurement row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Speedup is not { } speedup || row.Kernel == row.SpeedupBaseline)
        {
            return null;
        }

        var (faster, lower, upper) = speedup >= 1 ? (speedup, row.SpeedupCiLower, row.SpeedupCiUpper) : (1 / speedup, 1 / row.SpeedupCiUpper, 1 / row.SpeedupCiLower);
        var spread = lower is { } l && upper is { } u ? $" ± {RecordWriter.Display((u - l) / 2)}" : "";
        return $"{row.Kernel} ({Size(row.Width, row.Height)}, {row.Precision}) ran {RecordWriter.Display(faster)}{spread} times {(speedup >= 1 ? "faster" : "slower")} than {row.SpeedupBaseline}";
    }

    private static TableColumn Text<T>(string header, int width, Func<T, string?> cell) => new(header, width, false, row => cell((T)row) ?? "");

    private static TableColumn Right<T>(string header, int width, Func<T, string?> cell) => new(header, width, true, row => cell((T)row) ?? "");

    private static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");

    /// <summary>Half the interval's relative width, in percent, to two figures: "0.3", "8.3", "12".</summary>
    private static string HalfWidth(double relativeWidth) =>
        (relativeWidth * 50).ToString(relativeWidth * 50 >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => double.IsFinite(fraction) ? RecordWriter.Display(fraction * 100) + "%" : "";

    private static string Times(double value, double? lower, double? upper) =>
        lower is { } l && upper is { } u ? $"{RecordWriter.Display(value)}x [{RecordWriter.Display(l)}-{RecordWriter.Display(u)}]" : $"{RecordWriter.Display(value)}x";

    /// <summary>"0.9918 [0.934-0.999]": the value to four figures, its bounds to three decimals at most, so any speedup from 0.01 fits 20 columns.</summary>
    private static string Interval(double value, double lower, double upper) =>
        $"{RecordWriter.Display(value)} [{RecordWriter.Display(lower, 3)}-{RecordWriter.Display(upper, 3)}]";

    /// <summary>The median with its interval's half width, or the status of a row that was not timed ("Failed").</summary>
    private static string Median(KernelMeasurement row) =>
        row.Status != MeasurementStatus.Ok || row.Runs == 0 ? row.Status.ToString() : $"{RecordWriter.Display(row.MedianMs)} ±{HalfWidth(row.CiRelativeWidth)}%";

    /// <summary>The kernel's settings that are not null, "threads=2, vw=Bits512".</summary>
    private static string Settings(Planning.RequestColumns row)
    {
        var key = row.RequestKey;
        var parts = key.Split('|');
        return parts.Length > 2 ? parts[2].Replace(";", ", ", StringComparison.Ordinal) : "";
    }
}
