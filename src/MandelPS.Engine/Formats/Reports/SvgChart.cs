using System.Globalization;
using System.Security;
using System.Text;

namespace MandelPS.Engine.Formats.Reports;

/// <summary>
/// Plain SVG charts, written by hand because no chart library is reachable: a horizontal bar chart
/// (one bar per label, optional log axis, because kernel speeds span three orders of magnitude) and a
/// line chart (one line per series over a numeric x, e.g. time vs size or vs threads). Self-contained:
/// no scripts, no external fonts, readable in any browser. Every label is shown in full (margins grow
/// with the longest), each kernel has its colour in every chart (<see cref="KernelColours"/>) with a
/// legend, and confidence intervals are drawn as error bars.
/// </summary>
public static class SvgChart
{
    /// <summary>Width of the plot area at least; the chart grows to fit its labels around it.</summary>
    private const int MinPlotWidth = 560;

    /// <summary>A generous width per character of 14 px text, so no label is cut (wider glyphs than average included).</summary>
    private const double PixelsPerChar = 8.4;

    private const string Font = "font-family=\"system-ui, -apple-system, Segoe UI, sans-serif\"";

    public static string Bars(string title, string axisLabel, IReadOnlyList<ChartPoint> bars, bool logScale)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int right = 110, top = 50, barHeight = 26, gap = 8;
        var left = 20 + (int)Math.Ceiling(PixelsPerChar * bars.Select(b => b.Label.Length).DefaultIfEmpty(0).Max());
        var plotWidth = MinPlotWidth;
        var width = left + plotWidth + right;
        var axisY = top + bars.Count * (barHeight + gap);
        var styles = bars.Any(b => b.Hollow) && bars.Any(b => !b.Hollow);
        var legend = LegendRows(bars.Select(b => b.Key).OfType<string>().Concat(styles ? [SolidKey, HollowKey] : []), left, width - 10, axisY + 62);
        var height = axisY + 50 + (legend.Count > 0 ? (int)(legend[^1].Y - axisY - 62) + 26 : 0);
        var positive = bars.SelectMany(b => new[] { b.Value, b.Lower ?? b.Value, b.Upper ?? b.Value }).Where(v => v > 0).DefaultIfEmpty(1).ToArray();
        var (min, max) = logScale
            ? (Math.Pow(10, Math.Floor(Math.Log10(positive.Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(positive.Max()))))
            : (0.0, NiceTicks(0, positive.Max()).Max());
        if (max <= min)
        {
            max = min * 10;
        }

        var ticks = Ticks(min, max, logScale);

        double Scale(double v) => logScale
            ? (Math.Log10(Math.Max(v, min)) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min)) * plotWidth
            : v / max * plotWidth;

        var svg = Begin(width, height, title);
        foreach (var tick in ticks)
        {
            var x = left + Scale(tick);
            svg.AppendLine(Inv($"<line x1=\"{x:0.#}\" y1=\"{top - 6}\" x2=\"{x:0.#}\" y2=\"{axisY + 6}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(Inv($"<text x=\"{x:0.#}\" y=\"{axisY + 22}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\" {Font}>{Number(tick)}</text>"));
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + i * (barHeight + gap);
            var w = Math.Max(1, Scale(bar.Value));
            svg.AppendLine(Inv($"<g class=\"bar\"><title>{Escape(bar.Label)}: {Number(bar.Value)}{Interval(bar)}</title>"));
            svg.AppendLine(bar.Hollow
                ? Inv($"<rect x=\"{left}\" y=\"{y + 1}\" width=\"{w:0.#}\" height=\"{barHeight - 2}\" fill=\"{Colour(bar.Key, i)}\" fill-opacity=\"0.25\" stroke=\"{Colour(bar.Key, i)}\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>")
                : Inv($"<rect x=\"{left}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{barHeight}\" fill=\"{Colour(bar.Key, i)}\"/>"));
            var valueX = left + w;
            if (bar.Lower is { } lower && bar.Upper is { } upper)
            {
                var (x1, x2, mid) = (left + Scale(lower), left + Scale(upper), y + barHeight / 2.0);
                svg.AppendLine(Inv($"<path class=\"ci\" d=\"M{x1:0.#},{mid:0.#} H{x2:0.#} M{x1:0.#},{mid - 7:0.#} V{mid + 7:0.#} M{x2:0.#},{mid - 7:0.#} V{mid + 7:0.#}\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>"));
                valueX = Math.Max(valueX, x2);
            }

            svg.AppendLine(Inv($"<text class=\"label\" x=\"{left - 8}\" y=\"{y + barHeight * 0.7:0.#}\" text-anchor=\"end\" font-size=\"14\" {Font}>{Escape(bar.Label)}</text>"));
            svg.AppendLine(Inv($"<text class=\"value\" x=\"{valueX + 6:0.#}\" y=\"{y + barHeight * 0.7:0.#}\" font-size=\"13\" fill=\"#333\" {Font}>{Number(bar.Value)}</text></g>"));
        }

        svg.AppendLine(Inv($"<text x=\"{left + plotWidth / 2}\" y=\"{axisY + 42}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\" {Font}>{Escape(axisLabel)}{(logScale ? " (log scale)" : "")}{(bars.Any(b => b.Lower is not null) ? "; error bars: 95% confidence interval" : "")}</text>"));
        foreach (var (key, x, y) in legend)
        {
            AppendLegendItem(svg, x, y, key);
        }

        return End(svg);
    }

    /// <summary>One line per series over a numeric x; with <paramref name="connect"/> false, a scatter of labelled points.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logY, bool connect = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        const int left = 80, top = 50, bottom = 60, height = 480;
        // The legend gets room for its longest name so no label is cut.
        var right = Math.Max(180, 50 + (int)(PixelsPerChar * series.Select(s => s.Name.Length).DefaultIfEmpty(0).Max()));
        var plotWidth = MinPlotWidth;
        var width = left + plotWidth + right;
        var plotHeight = height - top - bottom;
        var points = series.SelectMany(s => s.Points).Where(p => p.X is not null).ToList();
        var xs = points.Select(p => p.X!.Value).DefaultIfEmpty(0).ToArray();
        var ys = points.SelectMany(p => new[] { p.Value, p.Lower ?? p.Value, p.Upper ?? p.Value }).Where(v => !logY || v > 0).DefaultIfEmpty(1).ToArray();
        var (xMin, xMax) = (xs.Min(), xs.Max() > xs.Min() ? xs.Max() : xs.Min() + 1);
        // A line chart labels each measured x; a scatter's axis runs between round values, labelled at them.
        var xTicks = connect ? xs.Distinct().Order().ToList() : NiceTicks(xMin, xMax);
        (xMin, xMax) = connect ? (xMin, xMax) : (xTicks[0], xTicks[^1]);
        var (yMin, yMax) = logY
            ? (Math.Pow(10, Math.Floor(Math.Log10(ys.Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(ys.Max()))))
            : (0.0, NiceTicks(0, ys.Max()).Max());
        if (yMax <= yMin)
        {
            yMax = yMin * 10;
        }

        var yTicks = Ticks(yMin, yMax, logY);

        double X(double v) => left + (v - xMin) / (xMax - xMin) * plotWidth;
        double Y(double v) => logY
            ? top + plotHeight - (Math.Log10(Math.Max(v, yMin)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * plotHeight
            : top + plotHeight - v / yMax * plotHeight;

        var svg = Begin(width, height, title);
        foreach (var tick in yTicks)
        {
            svg.AppendLine(Inv($"<line x1=\"{left}\" y1=\"{Y(tick):0.#}\" x2=\"{left + plotWidth}\" y2=\"{Y(tick):0.#}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(Inv($"<text x=\"{left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#555\" {Font}>{Number(tick)}</text>"));
        }

        foreach (var x in xTicks)
        {
            svg.AppendLine(Inv($"<text x=\"{X(x):0.#}\" y=\"{top + plotHeight + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\" {Font}>{Number(x)}</text>"));
        }

        svg.AppendLine(Inv($"<rect x=\"{left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#999\"/>"));
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colour(series[s].Key, s);
            var line = series[s].Points.Where(p => p.X is not null).OrderBy(p => p.X).ToList();
            var path = string.Join(" ", line.Select((p, i) => Inv($"{(i == 0 ? "M" : "L")}{X(p.X!.Value):0.#},{Y(p.Value):0.#}")));
            svg.AppendLine(Inv($"<g class=\"series\"><title>{Escape(series[s].Name)}</title>"));
            var dash = series[s].Dashed ? " stroke-dasharray=\"8 5\"" : "";
            if (connect)
            {
                svg.AppendLine(Inv($"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>"));
            }

            foreach (var p in line)
            {
                if (p.Lower is { } lower && p.Upper is { } upper)
                {
                    var (x, y1, y2) = (X(p.X!.Value), Y(lower), Y(upper));
                    svg.AppendLine(Inv($"<path class=\"ci\" d=\"M{x:0.#},{y1:0.#} V{y2:0.#} M{x - 5:0.#},{y1:0.#} H{x + 5:0.#} M{x - 5:0.#},{y2:0.#} H{x + 5:0.#}\" stroke=\"{colour}\" stroke-width=\"1.5\" fill=\"none\"/>"));
                }

                svg.AppendLine(series[s].Dashed
                    ? Inv($"<rect x=\"{X(p.X!.Value) - 4:0.#}\" y=\"{Y(p.Value) - 4:0.#}\" width=\"8\" height=\"8\" fill=\"white\" stroke=\"{colour}\" stroke-width=\"2\"><title>{Escape(p.Label)}: {Number(p.Value)}{Interval(p)}</title></rect>")
                    : Inv($"<circle cx=\"{X(p.X!.Value):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"4\" fill=\"{colour}\"><title>{Escape(p.Label)}: {Number(p.Value)}{Interval(p)}</title></circle>"));
            }

            svg.AppendLine("</g>");
            svg.AppendLine(Inv($"<path d=\"M{left + plotWidth + 12},{top + 7 + s * 22} h22\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/>"));
            svg.AppendLine(Inv($"<text class=\"label\" x=\"{left + plotWidth + 40}\" y=\"{top + 12 + s * 22}\" font-size=\"13\" {Font}>{Escape(series[s].Name)}</text>"));
        }

        svg.AppendLine(Inv($"<text x=\"{left + plotWidth / 2}\" y=\"{height - 14}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\" {Font}>{Escape(xLabel)}</text>"));
        svg.AppendLine(Inv($"<text transform=\"translate(18,{top + plotHeight / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\" {Font}>{Escape(yLabel)}{(logY ? " (log scale)" : "")}</text>"));
        return End(svg);
    }

    private static StringBuilder Begin(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.AppendLine(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">"));
        svg.Append("<title>").Append(Escape(title)).AppendLine("</title>");
        svg.AppendLine(Inv($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        svg.AppendLine(Inv($"<text x=\"{width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"600\" {Font}>{Escape(title)}</text>"));
        return svg;
    }

    /// <summary>A kernel's own colour; a point or series without a kernel gets the palette's k-th.</summary>
    private static string Colour(string? key, int k) => KernelColours.For(key ?? $"#{k}");

    /// <summary>The legend: one swatch per distinct kernel in order of first appearance, in rows from (left, top) that wrap before <paramref name="right"/>.</summary>
    private static List<(string Key, double X, double Y)> LegendRows(IEnumerable<string> keys, double left, double right, double top)
    {
        var items = new List<(string, double, double)>();
        var (x, y) = (left, top);
        foreach (var key in keys.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var itemWidth = 30 + PixelsPerChar * key.Length;
            if (x + itemWidth > right && x > left)
            {
                (x, y) = (left, y + 20);
            }

            items.Add((key, x, y));
            x += itemWidth;
        }

        return items;
    }

    private static void AppendLegendItem(StringBuilder svg, double x, double y, string key)
    {
        var swatch = key switch
        {
            SolidKey => "fill=\"#777\"",
            HollowKey => "fill=\"#777\" fill-opacity=\"0.25\" stroke=\"#777\" stroke-width=\"2\" stroke-dasharray=\"4 2\"",
            _ => $"fill=\"{KernelColours.For(key)}\"",
        };
        svg.AppendLine(Inv($"<g class=\"legend\"><rect x=\"{x:0.#}\" y=\"{y - 11:0.#}\" width=\"14\" height=\"14\" {swatch}/>"));
        svg.AppendLine(Inv($"<text x=\"{x + 20:0.#}\" y=\"{y + 1:0.#}\" font-size=\"13\" {Font}>{Escape(key)}</text></g>"));
    }

    private static string Interval(ChartPoint point) =>
        point.Lower is { } lower && point.Upper is { } upper ? $" (95% CI {Number(lower)}..{Number(upper)})" : "";

    private static string End(StringBuilder svg) => svg.AppendLine("</svg>").ToString();

    /// <summary>Axis ticks: each power of ten on a log axis, round steps on a linear one.</summary>
    private static IReadOnlyList<double> Ticks(double min, double max, bool log)
    {
        if (!log)
        {
            return NiceTicks(min, max);
        }

        var ticks = new List<double>();
        for (var t = min; t <= max * 1.0001; t *= 10)
        {
            ticks.Add(t);
        }

        return ticks;
    }

    /// <summary>
    /// About five ticks at round values (multiples of 1, 2, 2.5 or 5 times a power of ten) from at or below
    /// <paramref name="min"/> to at or above <paramref name="max"/>.
    /// </summary>
    internal static IReadOnlyList<double> NiceTicks(double min, double max)
    {
        if (!(max > min))
        {
            max = min + 1;
        }

        var rough = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(c => c >= rough);
        var first = Math.Floor(min / step) * step;
        var ticks = new List<double>();
        for (var k = 0; first + (k - 1) * step < max - step * 1e-9; k++)
        {
            ticks.Add(Math.Round(first + k * step, 12));
        }

        return ticks;
    }

    /// <summary>The legend's entries for bar styles, when a chart mixes them.</summary>
    internal const string SolidKey = "solid: Double";

    internal const string HollowKey = "hollow, dashed: Single";

    private static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.#" : Math.Abs(v) >= 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
