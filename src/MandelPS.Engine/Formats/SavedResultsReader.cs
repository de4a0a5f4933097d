using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Formats;

/// <summary>
/// The one reader of saved result sets: JSON (from --format json or ConvertTo-Json, an array or one
/// object), CSV (from --format csv or Export-Csv, with or without its #TYPE line), or name/value pairs
/// (an Import-Csv object's properties). Names match case-insensitively, numbers may be written as
/// strings (ConvertTo-Json of Import-Csv rows does that), unknown columns are ignored. Anything that is
/// not a set of measured rows is refused with an error naming the source, the row and the column.
/// </summary>
public static class SavedResultsReader
{
    /// <summary>Columns without which a row cannot be compared with anything.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["Kernel", "Width", "Height", "MaxIterations", "Precision", "SamplesMs"];

    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(KernelMeasurement).GetProperties().Where(p => p.CanWrite).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a .json or .csv file; <paramref name="parameter"/> names the option in errors.</summary>
    public static IReadOnlyList<KernelMeasurement> Load(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw Bad(parameter, $"'{path}' does not exist", path);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".json" or ".csv"))
        {
            throw Bad(parameter, $"'{path}': '{extension}' is not a result file; allowed: .json, .csv", path);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(parameter, $"'{path}' cannot be read: {e.Message}", path);
        }

        return extension == ".json" ? ReadJson(text, parameter, path) : ReadCsv(text, parameter, path);
    }

    public static IReadOnlyList<KernelMeasurement> ReadJson(string text, string parameter, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        RequireContent(text, parameter, source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw Bad(parameter, $"'{source}' is not valid JSON: {e.Message}", source);
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw Bad(parameter, $"'{source}' holds a JSON {root.ValueKind}; expected an array of measured rows", source),
            };
            var rows = new List<KernelMeasurement>();
            for (var i = 0; i < items.Count; i++)
            {
                var where = $"'{source}' row {i + 1}";
                if (items[i].ValueKind != JsonValueKind.Object)
                {
                    throw Bad(parameter, $"{where} is a JSON {items[i].ValueKind}; expected an object with the columns {string.Join(", ", RequiredColumns)}", source);
                }

                var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in items[i].EnumerateObject())
                {
                    if (!fields.TryAdd(property.Name, JsonText(property.Value)))
                    {
                        throw Bad(parameter, $"{where} has the column '{property.Name}' twice", source);
                    }
                }

                rows.Add(FromFields(fields, parameter, where));
            }

            return rows;
        }
    }

    public static IReadOnlyList<KernelMeasurement> ReadCsv(string text, string parameter, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        RequireContent(text, parameter, source);
        var records = CsvReader.ReadRecords(new StringReader(text)).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        // Export-Csv in Windows PowerShell 5.1 (and -IncludeTypeInformation) writes a "#TYPE ..." line first.
        var headerIndex = records.Count > 0 && records[0].Count == 1 && records[0][0].StartsWith("#TYPE", StringComparison.Ordinal) ? 1 : 0;
        if (records.Count <= headerIndex)
        {
            throw Bad(parameter, $"'{source}' has no header row; expected CSV with the columns {string.Join(", ", RequiredColumns)}", source);
        }

        var header = records[headerIndex];
        var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Bad(parameter, $"'{source}' has the column '{duplicate.Key}' twice in its header", source);
        }

        var rows = new List<KernelMeasurement>();
        for (var r = headerIndex + 1; r < records.Count; r++)
        {
            var where = $"'{source}' line {r + 1}";
            if (records[r].Count != header.Count)
            {
                throw Bad(parameter, $"{where} has {records[r].Count} fields but the header has {header.Count}", source);
            }

            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < header.Count; c++)
            {
                fields[header[c]] = records[r][c];
            }

            rows.Add(FromFields(fields, parameter, where));
        }

        if (rows.Count == 0)
        {
            throw Bad(parameter, $"'{source}' has a header but no rows", source);
        }

        return rows;
    }

    /// <summary>A row from name/value text pairs (a CSV record, a JSON object, or an object's properties).</summary>
    public static KernelMeasurement FromFields(IReadOnlyDictionary<string, string?> fields, string parameter, string where)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var lookup = new Dictionary<string, string?>(fields, StringComparer.OrdinalIgnoreCase);
        var missing = RequiredColumns.Where(c => !lookup.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw Bad(parameter, $"{where} lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; expected rows saved from Measure-Kernel or mandelps measure", where);
        }

        var row = new KernelMeasurement();
        foreach (var (name, text) in lookup)
        {
            if (!Properties.TryGetValue(name, out var property) || text is null)
            {
                continue;
            }

            if (!TryParse(property.PropertyType, text, out var value))
            {
                throw Bad(parameter, $"{where}, column {property.Name}: '{text}' is not {Expected(property.PropertyType)}", where);
            }

            property.SetValue(row, value);
        }

        if (string.IsNullOrWhiteSpace(row.Kernel))
        {
            throw Bad(parameter, $"{where}: the Kernel column is empty", where);
        }

        if (row.Width < 1 || row.Height < 1 || row.MaxIterations < 1)
        {
            throw Bad(parameter, $"{where}: Width, Height and MaxIterations must be at least 1", where);
        }

        if (!TryParseSamples(row.SamplesMs))
        {
            throw Bad(parameter, $"{where}, column SamplesMs: '{row.SamplesMs}' is not a ';'-separated list of non-negative finite milliseconds", where);
        }

        return row;
    }

    private static bool TryParse(Type type, string text, out object? value)
    {
        value = null;
        if (type == typeof(string))
        {
            value = text;
            return true;
        }

        if (text.Length == 0)
        {
            value = type.IsValueType ? Activator.CreateInstance(type) : null;
            return true;
        }

        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            value = i;
            return true;
        }

        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            value = l;
            return true;
        }

        // Invariant first; then this session's culture, since Export-Csv writes numbers in it ("0,7002" under de-DE).
        if (type == typeof(double)
            && (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.TryParse(text, NumberStyles.Float, CultureInfo.CurrentCulture, out d))
            && double.IsFinite(d))
        {
            value = d;
            return true;
        }

        if (type == typeof(bool) && bool.TryParse(text, out var b))
        {
            value = b;
            return true;
        }

        // ConvertTo-Json writes enums as numbers, Export-Csv as names: both are accepted when defined.
        if (type.IsEnum && Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e!))
        {
            value = e;
            return true;
        }

        return false;
    }

    private static bool TryParseSamples(string text)
    {
        try
        {
            return SampleText.Parse(text).All(s => double.IsFinite(s) && s >= 0);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Expected(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) ? "a finite number (invariant culture, '.' as decimal point)"
        : type == typeof(bool) ? "True or False"
        : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
        : type.Name;

    private static string? JsonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private static void RequireContent(string text, string parameter, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Bad(parameter, $"'{source}' is empty; expected a result set saved from Measure-Kernel or mandelps measure", source);
        }
    }

    private static MandelPSException Bad(string parameter, string problem, object? target) =>
        new(ErrorKind.BadSavedResults, parameter, problem, target);
}
