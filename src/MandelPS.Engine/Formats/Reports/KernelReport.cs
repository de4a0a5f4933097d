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

    /// <summary>Speedup bars; when any row lost precision, also speedup against loss, one point per variant and viewport.</summary>
    public static IReadOnlyList<string> ComparisonCharts(IReadOnlyList<KernelComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Any(r => r.DifferingPixels != 0 || r.CountSumDelta != 0))
        {
            return [ComparisonChart(rows)];
        }

        var series = rows.GroupBy(r => (r.Kernel, r.Precision))
            .Select(g => new ChartSeries($"{g.Key.Kernel} {g.Key.Precision}",
                g.Select(r => new ChartPoint($"{g.Key.Kernel} {g.Key.Precision} on {(r.Viewport.Length > 0 ? r.Viewport : r.Grid.ToString())}", r.DifferingPercent, r.Speedup, Key: r.Kernel)).ToList(), g.Key.Kernel))
            .ToList();
        return [ComparisonChart(rows), SvgChart.Lines("Fast and wrong: speedup against loss", "speedup over the exact twin (the same kernel in double for Single rows)", "differing pixels (%)", series, logY: false, connect: false)];
    }

    /// <summary>The charts for measurement rows: bars of throughput, plus a line chart when they sweep one parameter.</summary>
    public static IReadOnlyList<string> MeasurementCharts(IReadOnlyList<KernelMeasurement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var charts = new List<string>
        {
            SvgChart.Bars("Throughput per kernel", "giga-iterations per second",
                rows.Select(r => new ChartPoint(Label(r, rows), r.GIterPerSec, Lower: ThroughputAt(r, r.MedianCiUpperMs), Upper: ThroughputAt(r, r.MedianCiLowerMs), Key: r.Kernel)).ToList(),
                logScale: true),
        };
        if (SweptParameter(rows) is { } swept)
        {
            var series = rows.GroupBy(r => (r.Kernel, r.Precision))
                .Select(g => new ChartSeries($"{g.Key.Kernel} {g.Key.Precision}", g.Select(r => new ChartPoint($"{g.Key.Kernel} {g.Key.Precision} @ {swept.Name} {swept.Of(r)}", r.MedianMs, swept.Of(r),
                    Interval(r.MedianCiLowerMs), Interval(r.MedianCiUpperMs), r.Kernel)).ToList(), g.Key.Kernel))
                .ToList();
            charts.Add(SvgChart.Lines($"Median time against {swept.Name}", swept.Name, "median ms", series, logY: true));
        }

        return charts;
    }

    public static string ComparisonChart(IReadOnlyList<KernelComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var baseline = rows.Select(r => r.Baseline).Distinct().FirstOrDefault() ?? "baseline";
        return SvgChart.Bars($"Speedup over {baseline}", "speedup (baseline median / kernel median)",
            rows.Select(r => new ChartPoint($"{r.Kernel} {r.Precision}{(r.Threads > 1 ? $" x{r.Threads}" : "")}", r.Speedup,
                Lower: Interval(r.SpeedupCiLower), Upper: Interval(r.SpeedupCiUpper), Key: r.Kernel)).ToList(), logScale: true);
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
            ("Width", r => r.Width), ("Height", r => r.Height), ("MaxIterations", r => r.MaxIterations), ("Threads", r => r.Threads),
        ];
        var varying = candidates
            .Where(c => rows.GroupBy(r => (r.Kernel, r.Precision)).Any(g => g.Select(c.Item2).Distinct().Count() > 1))
            .ToList();
        return varying.Count == 1 ? varying[0] : null;
    }

    private static string Label(KernelMeasurement row, IReadOnlyList<KernelMeasurement> all)
    {
        var label = new StringBuilder(row.Kernel);
        if (all.Select(r => r.Precision).Distinct().Count() > 1)
        {
            label.Append(' ').Append(row.Precision);
        }

        if (row.Threads > 1)
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

    private static void Write<T>(string path, bool overwrite, string parameter, string title, IReadOnlyList<T> rows, string[] columns, IReadOnlyList<string> charts, string? machine)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw MandelPSException.Invalid("InputObject", "there are no results to report");
        }

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
