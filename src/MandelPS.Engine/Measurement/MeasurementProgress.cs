namespace MandelPS.Engine.Measurement;

/// <summary>Where a multi-kernel measurement is, for progress bars: item i of n and an estimated finish.</summary>
public sealed record MeasurementProgress(int Index, int Total, string Description, TimeSpan Elapsed)
{
    public int PercentComplete => Total == 0 ? 100 : 100 * Index / Total;

    /// <summary>Remaining time assuming the rest take as long on average as those done; null before the first.</summary>
    public TimeSpan? EstimatedRemaining => Index == 0 ? null : Elapsed / Index * (Total - Index);

    public string Status => EstimatedRemaining is { } left
        ? $"{Index + 1}/{Total}: {Description}, about {Format(left)} left"
        : $"{Index + 1}/{Total}: {Description}";

    private static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0}s";
}
