namespace MandelPS.Engine.Measurement;

/// <summary>How a kernel is timed: warm-up runs (JIT, caches) then measured runs.</summary>
public sealed record MeasurementSettings
{
    public const int MinRunsAllowed = 1;
    public const int MaxRunsAllowed = 10_000;
    public const int MaxWarmupAllowed = 1_000;

    public static MeasurementSettings Default { get; } = new();

    public int Warmup { get; init; } = 1;

    public int Runs { get; init; } = 5;

    public void Validate()
    {
        if (Runs is < MinRunsAllowed or > MaxRunsAllowed)
        {
            throw new Problem.RequestValidationException(nameof(Runs), $"{Runs} is outside the allowed range {MinRunsAllowed}..{MaxRunsAllowed}");
        }

        if (Warmup is < 0 or > MaxWarmupAllowed)
        {
            throw new Problem.RequestValidationException(nameof(Warmup), $"{Warmup} is outside the allowed range 0..{MaxWarmupAllowed}");
        }
    }
}
