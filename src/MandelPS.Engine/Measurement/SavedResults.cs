using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MandelPS.Engine.Output;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Reads result sets saved earlier (JSON from --format json or ConvertTo-Json, CSV from --format csv or
/// Export-Csv) back into <see cref="KernelMeasurement"/> rows, so two machines or two commits can be
/// compared later. Unknown columns are ignored; missing ones keep their defaults.
/// </summary>
public static class SavedResults
{
    private static readonly PropertyInfo[] Properties =
        typeof(KernelMeasurement).GetProperties().Where(p => p.CanWrite).ToArray();

    public static IReadOnlyList<KernelMeasurement> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new RequestValidationException("Path", $"'{Path.GetFullPath(path)}' does not exist");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        using var reader = new StreamReader(path);
        return extension switch
        {
            ".json" => JsonSerializer.Deserialize<List<KernelMeasurement>>(reader.ReadToEnd()) ?? [],
            ".csv" => CsvReader.Read(reader).Select(FromFields).ToList(),
            _ => throw new RequestValidationException("Path", $"'{extension}' is not a result file; allowed: .json, .csv"),
        };
    }

    /// <summary>A row from name/value text pairs (a CSV record, or an Import-Csv object's properties).</summary>
    public static KernelMeasurement FromFields(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var row = new KernelMeasurement();
        foreach (var property in Properties)
        {
            if (!fields.TryGetValue(property.Name, out var text) || text is null)
            {
                continue;
            }

            try
            {
                property.SetValue(row, Parse(property.PropertyType, text));
            }
            catch (FormatException)
            {
                throw new RequestValidationException(property.Name, $"'{text}' is not a valid {property.PropertyType.Name}");
            }
        }

        return row;
    }

    private static object Parse(Type type, string text) =>
        type == typeof(string) ? text
        : type == typeof(int) ? (text.Length == 0 ? 0 : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture))
        : type == typeof(long) ? (text.Length == 0 ? 0L : long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture))
        : type == typeof(double) ? (text.Length == 0 ? 0.0 : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
        : type == typeof(bool) ? (text.Length != 0 && bool.Parse(text))
        : throw new FormatException($"Unsupported column type {type.Name}.");
}
