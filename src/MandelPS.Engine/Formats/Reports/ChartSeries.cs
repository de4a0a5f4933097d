namespace MandelPS.Engine.Formats.Reports;

/// <summary>One named line of (x, y) points, or one bar per label when X is null.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>A labelled value; X is set for line charts.</summary>
public sealed record ChartPoint(string Label, double Value, double? X = null);
