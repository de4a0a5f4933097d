using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MandelPS.Engine.Formats;

/// <summary>
/// The one home of rows as text: flat records (public scalar properties, in declaration order) as an
/// aligned table, RFC 4180 CSV, a JSON array of flat objects, a Markdown table, or cells for an HTML
/// table. Property names are the PascalCase names the PowerShell objects carry, so a CSV from the CLI
/// and one from Export-Csv have the same columns. Every number is written in the invariant culture.
/// </summary>
public static class RecordWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static void Write<T>(TextWriter writer, IEnumerable<T> records, OutputFormat format, IReadOnlyList<string>? tableColumns = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rows = records.ToList();
        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(JsonSerializer.Serialize(rows, Json));
                break;
            case OutputFormat.Csv:
                var all = Columns<T>(null);
                writer.WriteLine(string.Join(",", all.Select(p => Quote(p.Name))));
                foreach (var row in Cells(rows, null, forDisplay: false))
                {
                    writer.WriteLine(string.Join(",", row.Select(Quote)));
                }

                break;
            default:
                var columns = Columns<T>(tableColumns);
                WriteGrid(writer, columns.Select(p => p.Name).ToArray(), Cells(rows, tableColumns, forDisplay: true), format == OutputFormat.Markdown);
                break;
        }
    }

    /// <summary>
    /// Rows as a table a person reads (or Markdown), in a layout of <see cref="TableLayouts"/>: the headers and
    /// cells the module's views show. With <paramref name="groupBy"/>, rows are grouped under a line naming their group.
    /// </summary>
    public static void WriteTable<T>(TextWriter writer, IEnumerable<T> records, IReadOnlyList<TableColumn> layout, bool markdown = false, Func<T, string>? groupBy = null, string groupLabel = "")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(layout);
        var rows = records.ToList();
        var headers = layout.Select(c => c.Header).ToArray();
        var groups = groupBy is null ? [new KeyValuePair<string, List<T>>("", rows)] : rows.GroupBy(groupBy).Select(g => new KeyValuePair<string, List<T>>(g.Key, [.. g])).ToList();
        foreach (var (group, members) in groups)
        {
            if (groupBy is not null)
            {
                writer.WriteLine($"{groupLabel}: {group}");
                writer.WriteLine();
            }

            WriteGrid(writer, headers, members.Select(r => layout.Select(c => c.Cell(r!)).ToArray()).ToList(), markdown, layout.Select(c => c.AlignRight).ToArray());
            if (groupBy is not null)
            {
                writer.WriteLine();
            }
        }
    }

    /// <summary>Each row's cells for the given columns (all when null); display rounding to about 4 significant digits.</summary>
    public static IReadOnlyList<string[]> Cells<T>(IEnumerable<T> rows, IReadOnlyList<string>? columns, bool forDisplay)
    {
        var properties = Columns<T>(columns);
        return rows.Select(row => properties.Select(p => Text(p.GetValue(row), forDisplay)).ToArray()).ToList();
    }

    private static PropertyInfo[] Columns<T>(IReadOnlyList<string>? names)
    {
        // The request's columns (declared on the base class) first: a file opens with what was asked, then what was measured.
        var all = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => Depth(p.DeclaringType!)).ToArray();
        return names is null ? all : names.Select(c => all.Single(p => p.Name == c)).ToArray();
    }

    private static int Depth(Type type) => type.BaseType is { } parent ? 1 + Depth(parent) : 0;

    private static void WriteGrid(TextWriter writer, string[] headers, IReadOnlyList<string[]> cells, bool markdown, bool[]? alignRight = null)
    {
        var widths = headers.Select((h, c) => cells.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var numeric = alignRight ?? headers.Select((_, c) => cells.Count > 0 && cells.All(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double _))).ToArray();
        string Line(IReadOnlyList<string> values) => markdown
            ? "| " + string.Join(" | ", values.Select((v, c) => Pad(v, widths[c], numeric[c]))) + " |"
            : string.Join("  ", values.Select((v, c) => Pad(v, widths[c], numeric[c]))).TrimEnd();

        writer.WriteLine(Line(headers));
        writer.WriteLine(markdown
            ? "|" + string.Join("|", widths.Select((w, c) => numeric[c] ? new string('-', w + 1) + ":" : new string('-', w + 2))) + "|"
            : string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            writer.WriteLine(Line(row));
        }
    }

    private static string Pad(string value, int width, bool right) => right ? value.PadLeft(width) : value.PadRight(width);

    private static string Text(object? value, bool forDisplay) => value switch
    {
        null => "",
        double d when forDisplay => Display(d),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>About four significant digits, never in exponent form for the magnitudes results have.</summary>
    public static string Display(double value) => Display(value, 4);

    /// <summary>
    /// About <paramref name="figures"/> significant digits: as many decimals as the integer part leaves (none
    /// from 10^(figures-1) up), up to <paramref name="figures"/> decimals below 1, exponent form below 0.001.
    /// </summary>
    public static string Display(double value, int figures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(figures, 1);
        var magnitude = Math.Abs(value);
        var wholeDigits = 1;
        while (magnitude >= Math.Pow(10, wholeDigits) && wholeDigits < figures)
        {
            wholeDigits++;
        }

        var format = magnitude == 0 ? "0"
            : magnitude >= 1 ? (wholeDigits == figures ? "0" : "0." + new string('0', figures - wholeDigits))
            : magnitude >= 0.001 ? "0." + new string('#', figures)
            : "0." + new string('#', figures - 1) + "e0";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
