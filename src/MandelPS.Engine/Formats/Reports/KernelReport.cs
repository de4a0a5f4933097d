using System.Globalization;
using System.Net;
using System.Text;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Formats.Reports;

/// <summary>
/// Turns a result set into a picture and a table at once: .svg (a chart), .html (charts, environment
/// and table in one self-contained page) or .md (a Markdown table for READMEs and pull requests).
/// Measurements chart giga-iterations/s per row (log axis); a sweep over one numeric parameter also
/// gets a line per kernel of time against it. Comparisons chart speedup per kernel.
/// </summary>
public static class KernelReport
{
    private static readonly string[] MeasurementColumns = ["Kernel", "Width", "Height", "MaxIterations", "Precision", "Threads", "MedianMs", "GIterPerSec", "Speedup", "DifferingPixels"];
    private static readonly string[] ComparisonColumns = ["Kernel", "Baseline", "Precision", "Threads", "MedianMs", "Speedup", "SpeedupCiLower", "SpeedupCiUpper", "Verdict", "Viewport", "DifferingPixels", "DifferingPercent", "ValidationSumDelta", "CountSumDelta"];

    private static readonly string[] Extensions = [".svg", ".html", ".md"];

    /// <summary>Refuses a report path before any work: a known extension, a folder that exists, no overwrite without permission.</summary>
    public static string CheckTarget(string path, bool overwrite, string parameter)
    {
        var full = SafeFile.CheckTarget(path, overwrite, parameter);
        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            throw MandelPSException.Invalid(parameter, $"'{extension}' is not a report format; allowed: {string.Join(", ", Extensions)}", path);
        }

        return full;
    }

    public static void Write(string path, IReadOnlyList<KernelMeasurement> rows, bool overwrite, string parameter = "Path") =>
        Write(path, overwrite, parameter, "Kernel measurements", rows, MeasurementColumns, MeasurementCharts(rows), (rows.Count > 0 ? rows[0].ProcessorName : null));

    public static void Write(string path, IReadOnlyList<KernelComparison> rows, bool overwrite, string parameter = "Path") =>
        Write(path, overwrite, parameter, "Kernel comparison", rows, ComparisonColumns, ComparisonCharts(rows), (rows.Count > 0 ? rows[0].ComputerName : null));

    /// <summary>
    /// Speedup bars; for the speedup-versus-loss table (rows that name their viewport, Compare-Kernel -Lossy),
    /// also speedup against loss, one point per variant and viewport, the last chart (what an .svg holds).
    /// </summary>
    public static IReadOnlyList<string> ComparisonCharts(IReadOnlyList<KernelComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Any(r => r.ViewportName is not null))
        {
            return [ComparisonChart(rows)];
        }

        var series = rows.GroupBy(r => (r.Kernel, r.Precision, r.Baseline, r.BaselinePrecision))
            .Select(g => new ChartSeries($"{g.Key.Kernel} {g.Key.Precision} vs {g.Key.Baseline} {g.Key.BaselinePrecision}",
                g.Select(r => new ChartPoint($"{g.Key.Kernel} {g.Key.Precision} vs {g.Key.Baseline} {g.Key.BaselinePrecision} on {r.ViewportName ?? r.Viewport ?? r.Grid}", r.DifferingPercent, r.Speedup, Key: r.Kernel)).ToList(),
                g.Key.Kernel, Dashed: g.Key.Precision == nameof(Problem.Precision.Single)))
            .ToList();
        return [ComparisonChart(rows), SvgChart.Lines("Fast and wrong: speedup against loss", $"speedup over {BaselineName(rows)}", "differing pixels (%)", series, logY: false, connect: false)];
    }

    /// <summary>The baseline an axis names: the one kernel and precision every row was compared with, or each row's own.</summary>
    private static string BaselineName(IReadOnlyList<KernelComparison> rows) =>
        rows.Select(r => $"{r.Baseline} {r.BaselinePrecision}").Distinct().ToList() is [var one] ? one
        : rows.All(r => r.ViewportName is not null) ? "each variant's exact twin (a Single row: the same kernel in Double)"
        : "each row's baseline (after 'vs' in its label)";

    /// <summary>The charts for measurement rows: bars of throughput, plus a line chart when they sweep one parameter.</summary>
    public static IReadOnlyList<string> MeasurementCharts(IReadOnlyList<KernelMeasurement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var charts = new List<string>
        {
            SvgChart.Bars("Throughput per kernel", "giga-iterations per second",
                rows.Select(r => new ChartPoint(Label(r, rows), r.GIterPerSec, Lower: ThroughputAt(r, r.MedianCiUpperMs), Upper: ThroughputAt(r, r.MedianCiLowerMs), Key: r.Kernel)
                {
                    Hollow = r.Precision == nameof(Problem.Precision.Single),
                }).ToList(),
                logScale: true),
        };
        if (SweptParameter(rows) is { } swept)
        {
            // One line per kernel, precision and setting that is not the swept one: three block sizes of a thread sweep are three lines.
            var series = rows.GroupBy(r => (r.Kernel, r.Precision, Others: Varying(r, rows, except: swept.Name)))
                .Select(g => new ChartSeries($"{g.Key.Kernel} {g.Key.Precision}{g.Key.Others}", g.Select(r => new ChartPoint($"{g.Key.Kernel} {g.Key.Precision}{g.Key.Others} @ {swept.Name} {swept.Of(r)}", r.MedianMs, swept.Of(r),
                    Interval(r.MedianCiLowerMs), Interval(r.MedianCiUpperMs), r.Kernel)).ToList(), g.Key.Kernel, Dashed: g.Key.Precision == nameof(Problem.Precision.Single)))
                .ToList();
            charts.Add(SvgChart.Lines($"Median time against {swept.Name}", swept.Name, "median ms", series, logY: true));
        }

        return charts;
    }

    public static string ComparisonChart(IReadOnlyList<KernelComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var single = rows.Select(r => $"{r.Baseline} {r.BaselinePrecision}").Distinct().Count() == 1;
        string LabelOf(KernelComparison r) => $"{r.Kernel} {r.Precision}{Varying(r, rows)}{(single ? "" : $" vs {r.Baseline} {r.BaselinePrecision}")}{(r.ViewportName is { } v ? $" on {v}" : "")}";
        return SvgChart.Bars($"Speedup over {BaselineName(rows)}", $"speedup over {BaselineName(rows)} (its median over the kernel's)",
            rows.Select(r => new ChartPoint(LabelOf(r), r.Speedup, Lower: Interval(r.SpeedupCiLower), Upper: Interval(r.SpeedupCiUpper), Key: r.Kernel)
            {
                Hollow = r.Precision == nameof(Problem.Precision.Single),
            }).ToList(), logScale: true);
    }

    /// <summary>An interval end a row holds, or null where it has none (a failed row, a saved set without it).</summary>
    private static double? Interval(double end) => end > 0 && double.IsFinite(end) ? end : null;

    /// <summary>Throughput at another time than the median's: the interval of giga-iterations per second from that of the median time.</summary>
    private static double? ThroughputAt(KernelMeasurement row, double ms) =>
        Interval(ms) is { } time && row.MedianMs > 0 ? row.GIterPerSec * row.MedianMs / time : null;

    /// <summary>
    /// The one numeric parameter (Width, Height, MaxIterations or Threads) that some kernel was measured
    /// at several values of, if exactly one was; a ladder of serial and parallel kernels is not a sweep.
    /// </summary>
    private static (string Name, Func<KernelMeasurement, double> Of)? SweptParameter(IReadOnlyList<KernelMeasurement> rows)
    {
        (string, Func<KernelMeasurement, double>)[] candidates =
        [
            ("Width", r => r.Width), ("Height", r => r.Height), ("MaxIterations", r => r.MaxIterations), ("Threads", r => r.Threads ?? 1),
            ("BlockSize", r => r.BlockSize ?? 0), ("EscapeInterval", r => r.EscapeInterval ?? 0), ("GroupSize", r => r.GroupSize ?? 0),
        ];
        var varying = candidates
            .Where(c => rows.GroupBy(r => (r.Kernel, r.Precision)).Any(g => g.Select(c.Item2).Distinct().Count() > 1))
            .ToList();
        return varying.Count == 1 ? varying[0] : null;
    }

    /// <summary>
    /// " block 64, threads 2": the settings that tell this row from the other rows of its kernel (each one that
    /// takes several values among them), so a sweep's rows are told apart by their labels.
    /// </summary>
    private static string Varying(Planning.RequestColumns row, IEnumerable<Planning.RequestColumns> all, string? except = null)
    {
        (string Name, string Short, Func<Planning.RequestColumns, object?> Of)[] settings =
        [
            ("Threads", "threads", r => r.Threads), ("VectorWidth", "", r => r.VectorWidth), ("BlockSize", "block", r => r.BlockSize),
            ("EscapeInterval", "interval", r => r.EscapeInterval), ("Device", "on", r => r.Device), ("GroupSize", "group", r => r.GroupSize),
        ];
        var same = all.Where(r => r.Kernel == row.Kernel).ToList();
        var parts = settings.Where(s => s.Name != except && same.Select(s.Of).Distinct().Count() > 1 && s.Of(row) is not null)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Short} {s.Of(row)}").Trim());
        var text = string.Join(", ", parts);
        return text.Length == 0 ? "" : " " + text;
    }

    private static string Label(KernelMeasurement row, IReadOnlyList<KernelMeasurement> all)
    {
        var label = new StringBuilder(row.Kernel);
        if (all.Select(r => r.Precision).Distinct().Count() > 1)
        {
            label.Append(' ').Append(row.Precision);
        }

        label.Append(Varying(row, all));
        if (row.Threads > 1 && all.Where(r => r.Kernel == row.Kernel).Select(r => r.Threads).Distinct().Count() == 1)
        {
            label.Append(" x").Append(row.Threads);
        }

        if (all.Select(r => (r.Width, r.Height)).Distinct().Count() > 1)
        {
            label.Append(CultureInfo.InvariantCulture, $" {row.Width}x{row.Height}");
        }

        if (all.Select(r => r.MaxIterations).Distinct().Count() > 1)
        {
            label.Append(CultureInfo.InvariantCulture, $" i{row.MaxIterations}");
        }

        return label.ToString();
    }

    /// <summary>Refuses a report of no rows (nothing came in, or nothing that was a result).</summary>
    public static void RequireRows(int count)
    {
        if (count == 0)
        {
            throw MandelPSException.Invalid("InputObject", "there are no results to report: give @@measure or @@compare rows, or saved ones");
        }
    }

    private static void Write<T>(string path, bool overwrite, string parameter, string title, IReadOnlyList<T> rows, string[] columns, IReadOnlyList<string> charts, string? machine)
    {
        ArgumentNullException.ThrowIfNull(rows);
        RequireRows(rows.Count);

        var extension = Path.GetExtension(CheckTarget(path, overwrite, parameter)).ToLowerInvariant();
        SafeFile.WriteText(path, overwrite, writer =>
        {
            switch (extension)
            {
                case ".svg":
                    writer.Write(charts[^1]); // a sweep's line chart says more than its bars
                    break;
                case ".md":
                    RecordWriter.Write(writer, rows, OutputFormat.Markdown, columns);
                    break;
                default:
                    WriteHtml(writer, title, rows, columns, charts, machine);
                    break;
            }
        }, parameter);
    }

    private static void WriteHtml<T>(TextWriter writer, string title, IReadOnlyList<T> rows, string[] columns, IReadOnlyList<string> charts, string? machine)
    {
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine($"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>");
        writer.WriteLine("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-top:1.5em}" +
                         "th,td{border:1px solid #ccc;padding:4px 10px}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}</style></head><body>");
        writer.WriteLine($"<h1>{WebUtility.HtmlEncode(title)}</h1>");
        writer.WriteLine($"<p>{rows.Count} rows{(machine is { Length: > 0 } ? $", measured on {WebUtility.HtmlEncode(machine)}" : "")}; MandelPS {WebUtility.HtmlEncode(EnvironmentInfo.Current.MandelPSVersion)}.</p>");
        foreach (var chart in charts)
        {
            writer.WriteLine(chart);
        }

        writer.WriteLine("<table><thead><tr>" + string.Concat(columns.Select(c => $"<th>{c}</th>")) + "</tr></thead><tbody>");
        foreach (var cells in RecordWriter.Cells(rows, columns, forDisplay: true))
        {
            writer.WriteLine("<tr>" + string.Concat(cells.Select(Cell)) + "</tr>");
        }

        writer.WriteLine("</tbody></table></body></html>");
    }

    private static string Cell(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"<td class=\"n\">{WebUtility.HtmlEncode(value)}</td>"
            : $"<td>{WebUtility.HtmlEncode(value)}</td>";
}
