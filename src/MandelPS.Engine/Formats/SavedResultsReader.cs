using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formats;

/// <summary>
/// The one reader of saved result sets, measurements or comparisons: JSON (from --format json or
/// ConvertTo-Json, an array or one object), CSV (from --format csv or Export-Csv, with or without its
/// #TYPE line), or name/value pairs (an Import-Csv object's properties). Names match
/// case-insensitively, numbers may be written as strings (ConvertTo-Json of Import-Csv rows does that)
/// or in the session's culture (Export-Csv under de-DE), an empty cell is a null, enumerations may be
/// names or numbers, and unknown columns are ignored. Rows saved by earlier versions read as today's
/// (a setting their kernel does not honour, written then as 0 or 1, is null). Anything that is not a set
/// of such rows is refused with an error naming the source, the row and the column.
/// </summary>
public static class SavedResultsReader
{
    /// <summary>Columns without which a measurement cannot be compared with anything.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["Kernel", "Width", "Height", "MaxIterations", "Precision", "SamplesMs"];

    /// <summary>Columns without which a comparison row is not one.</summary>
    public static IReadOnlyList<string> ComparisonColumns { get; } = [.. RequiredColumns, "Baseline", "BaselineSamplesMs"];

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Reads a .json or .csv file of measurements; <paramref name="parameter"/> names the option in errors.</summary>
    public static IReadOnlyList<KernelMeasurement> Load(string path, string parameter) => Load<KernelMeasurement>(path, parameter);

    /// <summary>Reads a .json or .csv file of comparison rows if it has their columns, else of measurements.</summary>
    public static IReadOnlyList<RequestColumns> LoadAny(string path, string parameter)
    {
        var text = ReadText(path, parameter);
        var header = text.AsSpan(0, Math.Min(text.Length, 64 * 1024)).ToString();
        return header.Contains(nameof(KernelComparison.BaselineSamplesMs), StringComparison.OrdinalIgnoreCase)
            ? Parse<KernelComparison>(text, path, parameter)
            : Parse<KernelMeasurement>(text, path, parameter);
    }

    /// <summary>Reads a .json or .csv file of rows of type <typeparamref name="T"/>.</summary>
    public static IReadOnlyList<T> Load<T>(string path, string parameter)
        where T : RequestColumns, new() => Parse<T>(ReadText(path, parameter), path, parameter);

    private static IReadOnlyList<T> Parse<T>(string text, string path, string parameter)
        where T : RequestColumns, new() =>
        Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson<T>(text, parameter, path) : ReadCsv<T>(text, parameter, path);

    private static string ReadText(string path, string parameter)
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

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(parameter, $"'{path}' cannot be read: {e.Message}", path);
        }
    }

    public static IReadOnlyList<KernelMeasurement> ReadJson(string text, string parameter, string source) => ReadJson<KernelMeasurement>(text, parameter, source);

    public static IReadOnlyList<KernelMeasurement> ReadCsv(string text, string parameter, string source) => ReadCsv<KernelMeasurement>(text, parameter, source);

    public static IReadOnlyList<T> ReadJson<T>(string text, string parameter, string source)
        where T : RequestColumns, new()
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
            var rows = new List<T>();
            for (var i = 0; i < items.Count; i++)
            {
                var where = $"'{source}' row {i + 1}";
                if (items[i].ValueKind != JsonValueKind.Object)
                {
                    throw Bad(parameter, $"{where} is a JSON {items[i].ValueKind}; expected an object with the columns {string.Join(", ", Required<T>())}", source);
                }

                var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in items[i].EnumerateObject())
                {
                    if (!fields.TryAdd(property.Name, JsonText(property.Value)))
                    {
                        throw Bad(parameter, $"{where} has the column '{property.Name}' twice", source);
                    }
                }

                rows.Add(FromFields<T>(fields, parameter, where));
            }

            return rows;
        }
    }

    public static IReadOnlyList<T> ReadCsv<T>(string text, string parameter, string source)
        where T : RequestColumns, new()
    {
        ArgumentNullException.ThrowIfNull(text);
        RequireContent(text, parameter, source);
        var records = CsvReader.ReadRecords(new StringReader(text)).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        // Export-Csv in Windows PowerShell 5.1 (and -IncludeTypeInformation) writes a "#TYPE ..." line first.
        var headerIndex = records.Count > 0 && records[0].Count == 1 && records[0][0].StartsWith("#TYPE", StringComparison.Ordinal) ? 1 : 0;
        if (records.Count <= headerIndex)
        {
            throw Bad(parameter, $"'{source}' has no header row; expected CSV with the columns {string.Join(", ", Required<T>())}", source);
        }

        var header = records[headerIndex];
        var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Bad(parameter, $"'{source}' has the column '{duplicate.Key}' twice in its header", source);
        }

        var rows = new List<T>();
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

            rows.Add(FromFields<T>(fields, parameter, where));
        }

        if (rows.Count == 0)
        {
            throw Bad(parameter, $"'{source}' has a header but no rows", source);
        }

        return rows;
    }

    /// <summary>A measurement from name/value text pairs (a CSV record, a JSON object, or an object's properties).</summary>
    public static KernelMeasurement FromFields(IReadOnlyDictionary<string, string?> fields, string parameter, string where) =>
        FromFields<KernelMeasurement>(fields, parameter, where);

    /// <summary>A row of type <typeparamref name="T"/> from name/value text pairs.</summary>
    public static T FromFields<T>(IReadOnlyDictionary<string, string?> fields, string parameter, string where)
        where T : RequestColumns, new()
    {
        ArgumentNullException.ThrowIfNull(fields);
        var lookup = new Dictionary<string, string?>(fields, StringComparer.OrdinalIgnoreCase);
        var missing = Required<T>().Where(c => !lookup.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw Bad(parameter, $"{where} lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; expected rows saved from {(typeof(T) == typeof(KernelComparison) ? "@@compare" : "@@measure")}", where);
        }

        var row = new T();
        foreach (var (name, text) in lookup)
        {
            if (!Writable<T>.Properties.TryGetValue(name, out var property) || text is null)
            {
                continue;
            }

            if (!TryCell(property, text, out var value))
            {
                throw Bad(parameter, $"{where}, column {property.Name}: '{text}' is not {Expected(property)}", where);
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

        foreach (var samples in Writable<T>.Properties.Values.Where(p => p.Name.EndsWith("SamplesMs", StringComparison.Ordinal)))
        {
            if (!TryParseSamples((string?)samples.GetValue(row) ?? ""))
            {
                throw Bad(parameter, $"{where}, column {samples.Name}: '{samples.GetValue(row)}' is not a ';'-separated list of non-negative finite milliseconds", where);
            }
        }

        return AsToday(row);
    }

    /// <summary>
    /// A row as this version writes it: settings its kernel does not honour are null (earlier versions wrote
    /// 1 thread, block size 0, vector width None, device CPU), so its request key matches today's rows.
    /// </summary>
    private static T AsToday<T>(T row)
        where T : RequestColumns
    {
        if (KernelRegistry.All.FirstOrDefault(k => string.Equals(k.Name, row.Kernel, StringComparison.OrdinalIgnoreCase)) is not { } kernel)
        {
            return row;
        }

        void Clear(string column, OptionName option)
        {
            if (!kernel.Honours(option))
            {
                Writable<T>.Properties[column].SetValue(row, null);
            }
        }

        Writable<T>.Properties[nameof(RequestColumns.Kernel)].SetValue(row, kernel.Name);
        Clear(nameof(RequestColumns.Threads), OptionName.Threads);
        Clear(nameof(RequestColumns.VectorWidth), OptionName.VectorWidth);
        Clear(nameof(RequestColumns.BlockSize), OptionName.BlockSize);
        Clear(nameof(RequestColumns.EscapeInterval), OptionName.EscapeInterval);
        Clear(nameof(RequestColumns.Device), OptionName.Device);
        Clear(nameof(RequestColumns.GroupSize), OptionName.GroupSize);
        if (row.Grid != nameof(GridStyle.Tutorial))
        {
            Writable<T>.Properties[nameof(RequestColumns.TutorialSize)].SetValue(row, null);
        }

        if (row.Grid != nameof(GridStyle.Linear))
        {
            Writable<T>.Properties[nameof(RequestColumns.Viewport)].SetValue(row, null);
        }

        if (row.Grid == nameof(GridStyle.BenchmarksGame))
        {
            Writable<T>.Properties[nameof(RequestColumns.Preset)].SetValue(row, nameof(RenderPreset.BenchmarksGame));
            Writable<T>.Properties[nameof(RequestColumns.Size)].SetValue(row, row.Width);
        }

        return row;
    }

    /// <summary>
    /// A cell as the column's type reads it: an empty cell of a nullable column is null; request columns
    /// that name an enumeration are checked and spelled as its name (ConvertTo-Json writes numbers), and
    /// the None an earlier version wrote for a setting that changed nothing is null.
    /// </summary>
    private static bool TryCell(PropertyInfo property, string text, out object? value)
    {
        value = null;
        if (text.Length == 0 && IsNullable(property))
        {
            return true;
        }

        var named = property.Name switch
        {
            nameof(RequestColumns.Precision) or nameof(KernelComparison.BaselinePrecision) => typeof(Precision),
            nameof(RequestColumns.Grid) => typeof(GridStyle),
            nameof(RequestColumns.Preset) => typeof(RenderPreset),
            nameof(RequestColumns.VectorWidth) => typeof(VectorWidth),
            _ => null,
        };
        if (named is null || property.PropertyType != typeof(string))
        {
            return TryParse(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, text, out value);
        }

        if (!Enum.TryParse(named, text, ignoreCase: true, out var parsed) || !Enum.IsDefined(named, parsed!))
        {
            return false;
        }

        value = parsed is VectorWidth.None or VectorWidth.Auto or RenderPreset.None ? null : parsed!.ToString();
        return true;
    }

    private static bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && Nullability.Create(property).WriteState == NullabilityState.Nullable);

    private static IReadOnlyList<string> Required<T>() => typeof(T) == typeof(KernelComparison) ? ComparisonColumns : RequiredColumns;

    /// <summary>The columns a row type reads back: its settable properties by name.</summary>
    private static class Writable<T>
    {
        public static readonly Dictionary<string, PropertyInfo> Properties =
            typeof(T).GetProperties().Where(p => p.CanWrite).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
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

    private static string Expected(PropertyInfo property) => property.Name switch
    {
        nameof(RequestColumns.Precision) or nameof(KernelComparison.BaselinePrecision) => $"one of {string.Join(", ", Enum.GetNames<Precision>())}",
        nameof(RequestColumns.Grid) => $"one of {string.Join(", ", Enum.GetNames<GridStyle>())}",
        nameof(RequestColumns.Preset) => $"empty or {nameof(RenderPreset.BenchmarksGame)}",
        nameof(RequestColumns.VectorWidth) => "empty or one of Bits128, Bits256, Bits512",
        _ => Expected(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType),
    };

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
            throw Bad(parameter, $"'{source}' is empty; expected a result set saved from @@measure", source);
        }
    }

    private static MandelPSException Bad(string parameter, string problem, object? target) =>
        new(ErrorKind.BadSavedResults, parameter, problem, target);
}
