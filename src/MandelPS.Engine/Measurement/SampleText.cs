using System.Globalization;

namespace MandelPS.Engine.Measurement;

/// <summary>Run times as one CSV-safe cell: "12.5;12.7;13.1" (invariant culture, round-trippable).</summary>
public static class SampleText
{
    public static string Format(IEnumerable<double> samples) =>
        string.Join(";", samples.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));

    public static double[] Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
}
