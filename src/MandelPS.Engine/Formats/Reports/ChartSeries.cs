namespace MandelPS.Engine.Formats.Reports;

/// <summary>
/// One named line of (x, y) points, or one bar per label when X is null; <paramref name="Key"/> (the kernel)
/// picks its colour, <paramref name="Dashed"/> draws it dashed with hollow markers (Single beside Double).
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string? Key = null, bool Dashed = false);

/// <summary>
/// A labelled value; X is set for line charts. Lower and Upper, when given, are the ends of its confidence
/// interval (drawn as an error bar); Key (the kernel) picks its colour, the same in every chart.
/// </summary>
public sealed record ChartPoint(string Label, double Value, double? X = null, double? Lower = null, double? Upper = null, string? Key = null)
{
    /// <summary>A bar drawn hollow and dashed: single precision beside the solid bars of double.</summary>
    public bool Hollow { get; init; }
}
