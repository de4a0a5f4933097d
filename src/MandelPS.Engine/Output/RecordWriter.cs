using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace MandelPS.Engine.Output;

/// <summary>
/// Writes flat records (public scalar properties, in declaration order) as an aligned table, RFC 4180
/// CSV, a JSON array of flat objects, or a Markdown table. Property names are the PascalCase names the
/// PowerShell objects carry, so a CSV from the CLI and one from Export-Csv have the same columns.
/// </summary>
public static class RecordWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write<T>(TextWriter writer, IEnumerable<T> records, OutputFormat format, IReadOnlyList<string>? tableColumns = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rows = records.ToList();
        var all = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(JsonSerializer.Serialize(rows, Json));
                break;
            case OutputFormat.Csv:
                writer.WriteLine(string.Join(",", all.Select(p => Quote(p.Name))));
                foreach (var row in rows)
                {
                    writer.WriteLine(string.Join(",", all.Select(p => Quote(Text(p.GetValue(row), roundForDisplay: false)))));
                }

                break;
            default:
                var columns = tableColumns is null ? all : tableColumns.Select(c => all.Single(p => p.Name == c)).ToArray();
                var cells = rows.Select(row => columns.Select(p => Text(p.GetValue(row), roundForDisplay: true)).ToArray()).ToList();
                WriteGrid(writer, columns.Select(p => p.Name).ToArray(), cells, format == OutputFormat.Markdown);
                break;
        }
    }

    private static void WriteGrid(TextWriter writer, string[] headers, List<string[]> cells, bool markdown)
    {
        var widths = headers.Select((h, c) => cells.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var numeric = headers.Select((_, c) => cells.Count > 0 && cells.All(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double _))).ToArray();
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

    private static string Text(object? value, bool roundForDisplay) => value switch
    {
        null => "",
        double d when roundForDisplay => d.ToString(Math.Abs(d) >= 100 ? "0.0" : Math.Abs(d) >= 1 ? "0.00" : "0.0000", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
