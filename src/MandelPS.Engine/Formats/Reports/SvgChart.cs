using System.Globalization;
using System.Security;
using System.Text;

namespace MandelPS.Engine.Formats.Reports;

/// <summary>
/// Plain SVG charts, written by hand because no chart library is reachable: a horizontal bar chart
/// (one bar per label, optional log axis, because kernel speeds span three orders of magnitude) and a
/// line chart (one line per series over a numeric x, e.g. time vs size or vs threads). Self-contained:
/// no scripts, no external fonts, readable in any browser.
/// </summary>
public static class SvgChart
{
    private const int Width = 900;
    private const string Font = "font-family=\"system-ui, -apple-system, Segoe UI, sans-serif\"";
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Bars(string title, string axisLabel, IReadOnlyList<ChartPoint> bars, bool logScale)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int left = 170, right = 90, top = 50, barHeight = 26, gap = 8;
        var height = top + bars.Count * (barHeight + gap) + 50;
        var plotWidth = Width - left - right;
        var positive = bars.Where(b => b.Value > 0).Select(b => b.Value).DefaultIfEmpty(1).ToArray();
        var (min, max) = logScale
            ? (Math.Pow(10, Math.Floor(Math.Log10(positive.Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(positive.Max()))))
            : (0.0, NiceCeiling(positive.Max()));
        if (max <= min)
        {
            max = min * 10;
        }

        double Scale(double v) => logScale
            ? (Math.Log10(Math.Max(v, min)) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min)) * plotWidth
            : v / max * plotWidth;

        var svg = Begin(height, title);
        foreach (var tick in Ticks(min, max, logScale))
        {
            var x = left + Scale(tick);
            svg.AppendLine(Inv($"<line x1=\"{x:0.#}\" y1=\"{top - 6}\" x2=\"{x:0.#}\" y2=\"{height - 44}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(Inv($"<text x=\"{x:0.#}\" y=\"{height - 28}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\" {Font}>{Number(tick)}</text>"));
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var y = top + i * (barHeight + gap);
            var w = Math.Max(1, Scale(bars[i].Value));
            svg.AppendLine(Inv($"<g class=\"bar\"><title>{Escape(bars[i].Label)}: {Number(bars[i].Value)}</title>"));
            svg.AppendLine(Inv($"<rect x=\"{left}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{barHeight}\" fill=\"{Palette[i % Palette.Length]}\"/>"));
            svg.AppendLine(Inv($"<text class=\"label\" x=\"{left - 8}\" y=\"{y + barHeight * 0.7:0.#}\" text-anchor=\"end\" font-size=\"14\" {Font}>{Escape(bars[i].Label)}</text>"));
            svg.AppendLine(Inv($"<text class=\"value\" x=\"{left + w + 6:0.#}\" y=\"{y + barHeight * 0.7:0.#}\" font-size=\"13\" fill=\"#333\" {Font}>{Number(bars[i].Value)}</text></g>"));
        }

        svg.AppendLine(Inv($"<text x=\"{left + plotWidth / 2}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\" {Font}>{Escape(axisLabel)}{(logScale ? " (log scale)" : "")}</text>"));
        return End(svg);
    }

    /// <summary>One line per series over a numeric x; with <paramref name="connect"/> false, a scatter of labelled points.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logY, bool connect = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        const int left = 80, top = 50, bottom = 60, height = 480;
        // The legend gets room for its longest name (about 7.5 px a character at 13 px) so no label is cut.
        var right = Math.Max(180, 50 + (int)(7.5 * series.Select(s => s.Name.Length).DefaultIfEmpty(0).Max()));
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var points = series.SelectMany(s => s.Points).Where(p => p.X is not null).ToList();
        var xs = points.Select(p => p.X!.Value).DefaultIfEmpty(0).ToArray();
        var ys = points.Select(p => p.Value).Where(v => !logY || v > 0).DefaultIfEmpty(1).ToArray();
        var (xMin, xMax) = (xs.Min(), xs.Max() > xs.Min() ? xs.Max() : xs.Min() + 1);
        var (yMin, yMax) = logY
            ? (Math.Pow(10, Math.Floor(Math.Log10(ys.Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(ys.Max()))))
            : (0.0, NiceCeiling(ys.Max()));
        if (yMax <= yMin)
        {
            yMax = yMin * 10;
        }

        double X(double v) => left + (v - xMin) / (xMax - xMin) * plotWidth;
        double Y(double v) => logY
            ? top + plotHeight - (Math.Log10(Math.Max(v, yMin)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * plotHeight
            : top + plotHeight - v / yMax * plotHeight;

        var svg = Begin(height, title);
        foreach (var tick in Ticks(yMin, yMax, logY))
        {
            svg.AppendLine(Inv($"<line x1=\"{left}\" y1=\"{Y(tick):0.#}\" x2=\"{left + plotWidth}\" y2=\"{Y(tick):0.#}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(Inv($"<text x=\"{left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#555\" {Font}>{Number(tick)}</text>"));
        }

        // A line chart labels each measured x; a scatter's x values are arbitrary, so it gets even ticks.
        foreach (var x in connect ? xs.Distinct().Order() : Ticks(xMin, xMax, log: false))
        {
            svg.AppendLine(Inv($"<text x=\"{X(x):0.#}\" y=\"{top + plotHeight + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\" {Font}>{Number(x)}</text>"));
        }

        svg.AppendLine(Inv($"<rect x=\"{left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#999\"/>"));
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var line = series[s].Points.Where(p => p.X is not null).OrderBy(p => p.X).ToList();
            var path = string.Join(" ", line.Select((p, i) => Inv($"{(i == 0 ? "M" : "L")}{X(p.X!.Value):0.#},{Y(p.Value):0.#}")));
            svg.AppendLine(Inv($"<g class=\"series\"><title>{Escape(series[s].Name)}</title>"));
            if (connect)
            {
                svg.AppendLine(Inv($"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>"));
            }

            foreach (var p in line)
            {
                svg.AppendLine(Inv($"<circle cx=\"{X(p.X!.Value):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"4\" fill=\"{colour}\"><title>{Escape(p.Label)}: {Number(p.Value)}</title></circle>"));
            }

            svg.AppendLine("</g>");
            var legendY = top + 10 + s * 22;
            svg.AppendLine(Inv($"<rect x=\"{left + plotWidth + 16}\" y=\"{legendY - 10}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>"));
            svg.AppendLine(Inv($"<text class=\"label\" x=\"{left + plotWidth + 36}\" y=\"{legendY + 2}\" font-size=\"13\" {Font}>{Escape(series[s].Name)}</text>"));
        }

        svg.AppendLine(Inv($"<text x=\"{left + plotWidth / 2}\" y=\"{height - 14}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\" {Font}>{Escape(xLabel)}</text>"));
        svg.AppendLine(Inv($"<text transform=\"translate(18,{top + plotHeight / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\" {Font}>{Escape(yLabel)}{(logY ? " (log scale)" : "")}</text>"));
        return End(svg);
    }

    private static StringBuilder Begin(int height, string title)
    {
        var svg = new StringBuilder();
        svg.AppendLine(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\">"));
        svg.Append("<title>").Append(Escape(title)).AppendLine("</title>");
        svg.AppendLine(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>"));
        svg.AppendLine(Inv($"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"600\" {Font}>{Escape(title)}</text>"));
        return svg;
    }

    private static string End(StringBuilder svg) => svg.AppendLine("</svg>").ToString();

    /// <summary>Axis ticks: each power of ten on a log axis, five even steps on a linear one.</summary>
    private static IEnumerable<double> Ticks(double min, double max, bool log)
    {
        if (log)
        {
            for (var t = min; t <= max * 1.0001; t *= 10)
            {
                yield return t;
            }

            yield break;
        }

        for (var k = 0; k <= 5; k++)
        {
            yield return min + (max - min) * k / 5;
        }
    }

    private static double NiceCeiling(double v)
    {
        if (v <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(v)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(c => c >= v);
    }

    private static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.#" : Math.Abs(v) >= 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
