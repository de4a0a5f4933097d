using MandelPS.Engine.Errors;
using System.Xml.Linq;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Formats.Reports;

namespace MandelPS.Engine.Tests.Reports;

/// <summary>Charts checked structurally: valid SVG, one bar per row, labels and axis present.</summary>
public sealed class KernelReportTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static KernelMeasurement Row(string kernel, double giter, int width = 100, int threads = 1, double lowerMs = 0, double upperMs = 0) => new()
    {
        Kernel = kernel, Width = width, Height = 100, MaxIterations = 100, Precision = "Double", Threads = threads,
        GIterPerSec = giter, MedianMs = 1000 / giter, Status = MeasurementStatus.Ok, MedianCiLowerMs = lowerMs, MedianCiUpperMs = upperMs,
    };

    [Fact]
    public void BarChart_HasOneLabelledBarPerRow_OnALogAxis()
    {
        var rows = new[] { Row("Naive", 0.16), Row("Expanded", 0.36), Row("Simd", 5.1), Row("ParallelSimd", 11.4) };
        var svg = XDocument.Parse(KernelReport.MeasurementCharts(rows)[0]);
        var bars = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        Assert.Equal(4, bars.Count);
        Assert.Equal(rows.Select(r => r.Kernel), bars.Select(b => b.Elements(Svg + "text").First(t => (string?)t.Attribute("class") == "label").Value));
        var widths = bars.Select(b => double.Parse(b.Element(Svg + "rect")!.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(widths.Order(), widths); // bars grow with throughput
        // Log axis: 0.16..11.4 spans the decades 0.1, 1, 10, 100, each labelled.
        var labels = svg.Descendants(Svg + "text").Select(t => t.Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "0.1", "1", "10", "100" }, labels);
        Assert.Contains("giga-iterations per second (log scale)", labels);
    }

    [Fact]
    public void ASweepOverOneParameter_AlsoGetsALinePerKernel()
    {
        var rows = new[] { 500, 1000, 2000 }.SelectMany(w => new[] { Row("Simd", 5, w), Row("ParallelSimd", 10, w) }).ToArray();
        var charts = KernelReport.MeasurementCharts(rows);
        Assert.Equal(2, charts.Count);
        var lines = XDocument.Parse(charts[1]);
        var series = lines.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(2, series.Count);
        Assert.All(series, s => Assert.Equal(3, s.Elements(Svg + "circle").Count()));
        Assert.Contains("Median time against Width", lines.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void LongLabels_AreShownInFull_InsideTheChart()
    {
        var rows = new[] { Row("BuddhabrotUnsynchronized Single x16 20000x20000 i100000", 0.5), Row("Simd", 5) };
        var svg = XDocument.Parse(KernelReport.MeasurementCharts(rows)[0]);
        var label = svg.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "label" && t.Value.StartsWith("Buddhabrot", StringComparison.Ordinal));
        // Right-aligned at x: the text needs about 8 px a character to its left, all of it inside the picture.
        var x = double.Parse(label.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(x - 8 * label.Value.Length >= 0, $"a {label.Value.Length}-character label ends at x={x}");
    }

    [Fact]
    public void AKernel_HasTheSameColourInEveryChart_WithALegend()
    {
        var ladder = KernelReport.MeasurementCharts([Row("Expanded", 0.4), Row("Simd", 5), Row("ParallelSimd", 10)]);
        var other = KernelReport.MeasurementCharts([Row("ParallelSimd", 9), Row("Naive", 0.1)]);
        string ColourOf(string chart, string kernel) => XDocument.Parse(chart).Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("class") == "bar" && g.Elements(Svg + "text").Any(t => t.Value == kernel))
            .Single().Element(Svg + "rect")!.Attribute("fill")!.Value;

        Assert.Equal(ColourOf(ladder[0], "ParallelSimd"), ColourOf(other[0], "ParallelSimd"));
        Assert.NotEqual(ColourOf(ladder[0], "Simd"), ColourOf(ladder[0], "ParallelSimd"));
        var legend = XDocument.Parse(ladder[0]).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "legend").Select(g => g.Value).ToList();
        Assert.Equal(["Expanded", "Simd", "ParallelSimd"], legend);
    }

    [Fact]
    public void ConfidenceIntervals_AreDrawnAsErrorBars()
    {
        var rows = new[] { Row("Simd", 5, lowerMs: 190, upperMs: 210), Row("Expanded", 0.4, lowerMs: 2400, upperMs: 2600) };
        var bars = XDocument.Parse(KernelReport.MeasurementCharts(rows)[0]);
        Assert.Equal(2, bars.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "ci"));
        Assert.Contains(bars.Descendants(Svg + "title"), t => t.Value.Contains("95% CI", StringComparison.Ordinal));

        var sweep = new[] { 500, 1000 }.Select(w => Row("Simd", 5, w, lowerMs: 180, upperMs: 220)).ToArray();
        var lines = XDocument.Parse(KernelReport.MeasurementCharts(sweep)[1]);
        Assert.Equal(2, lines.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "ci"));
    }

    [Fact]
    public void ALadderOfSerialAndParallelKernels_IsNotASweep()
    {
        var charts = KernelReport.MeasurementCharts([Row("Expanded", 0.4), Row("Parallel", 0.8, threads: 2)]);
        var chart = Assert.Single(charts);
        Assert.Contains(">Parallel x2<", chart);
        Assert.Contains(">Expanded<", chart);
    }

    [Fact]
    public void Html_HoldsTheChartsAndATableRowPerResult_Markdown_HoldsTheTable()
    {
        var rows = new[] { Row("Expanded", 0.36), Row("Simd", 5.1) };
        var html = Path.Combine(_folder, "r.html");
        KernelReport.Write(html, rows, overwrite: false);
        var text = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", text);
        Assert.Contains("<svg", text);
        Assert.Equal(1 + 2, text.Split("<tr>").Length - 1); // header + one per row

        var md = Path.Combine(_folder, "r.md");
        KernelReport.Write(md, rows, overwrite: false);
        var lines = File.ReadAllLines(md);
        Assert.StartsWith("| Kernel", lines[0]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Write_RefusesUnknownExtensions_AndEmptySets_WritingNothing()
    {
        Assert.Equal("Path", Assert.Throws<MandelPSException>(() => KernelReport.Write(Path.Combine(_folder, "r.pdf"), [Row("Simd", 1)], false)).Parameter);
        Assert.Equal("InputObject", Assert.Throws<MandelPSException>(() => KernelReport.Write(Path.Combine(_folder, "r.svg"), Array.Empty<KernelMeasurement>(), false)).Parameter);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
