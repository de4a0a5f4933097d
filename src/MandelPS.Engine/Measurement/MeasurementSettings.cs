using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// How kernels are timed. Frozen once constructed and recorded on every result, so a later comparison
/// knows what it compares. Stages: pilot (repetitions per sample so one sample lasts MinRunTime),
/// warm-up (JIT, caches), then measured samples until MinRuns are in and either MaxRuns, the time
/// budget, or the target relative width of the median's confidence interval is reached.
/// </summary>
public sealed record MeasurementSettings
{
    /// <summary>Bumped whenever the harness changes in a way that could move its numbers.</summary>
    public const string HarnessVersion = "2";

    public const int MaxRunsAllowed = 10_000;
    public const int MaxWarmupAllowed = 1_000;

    public static MeasurementSettings Default { get; } = new();

    /// <summary>Warm-up samples discarded before measuring (the correctness run comes first, always).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Measured samples at least; with <see cref="MaxRuns"/> equal to it, exactly this many.</summary>
    public int MinRuns { get; init; } = 5;

    /// <summary>Measured samples at most.</summary>
    public int MaxRuns { get; init; } = 30;

    /// <summary>A sample repeats the kernel until it lasts at least this long (the pilot stage decides how often).</summary>
    public TimeSpan MinRunTime { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Stop sampling (after MinRuns) once this much measured time is spent on one kernel.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Stop sampling (after MinRuns) once the 95% CI of the median is this narrow, relative to it.</summary>
    public double TargetRelativeCiWidth { get; init; } = 0.02;

    /// <summary>Drop samples outside Tukey's fences (1.5 IQR) before the statistics; they are counted either way.</summary>
    public bool RemoveOutliers { get; init; } = true;

    /// <summary>Seed for every random choice (alternation order, bootstrap), so a measurement can be redone.</summary>
    public int Seed { get; init; } = 20111;

    /// <summary>A fixed number of samples: MinRuns = MaxRuns = runs, one kernel run per sample.</summary>
    public static MeasurementSettings Fixed(int runs, int warmup) => new()
    {
        MinRuns = runs, MaxRuns = runs, Warmup = warmup, MinRunTime = TimeSpan.Zero, TimeBudget = TimeSpan.MaxValue,
    };

    public void Validate()
    {
        if (MinRuns is < 1 or > MaxRunsAllowed)
        {
            throw new RequestValidationException("Runs", $"{MinRuns} is outside the allowed range 1..{MaxRunsAllowed}");
        }

        if (MaxRuns < MinRuns || MaxRuns > MaxRunsAllowed)
        {
            throw new RequestValidationException(nameof(MaxRuns), $"{MaxRuns} is outside the allowed range {MinRuns} (MinRuns)..{MaxRunsAllowed}");
        }

        if (Warmup is < 0 or > MaxWarmupAllowed)
        {
            throw new RequestValidationException(nameof(Warmup), $"{Warmup} is outside the allowed range 0..{MaxWarmupAllowed}");
        }

        if (MinRunTime < TimeSpan.Zero || MinRunTime > TimeSpan.FromMinutes(1))
        {
            throw new RequestValidationException(nameof(MinRunTime), $"{MinRunTime.TotalMilliseconds} ms is outside the allowed range 0..60000 ms");
        }

        if (TimeBudget <= TimeSpan.Zero)
        {
            throw new RequestValidationException(nameof(TimeBudget), $"{TimeBudget.TotalSeconds} s must be positive");
        }

        if (!(TargetRelativeCiWidth >= 0 && TargetRelativeCiWidth <= 1))
        {
            throw new RequestValidationException(nameof(TargetRelativeCiWidth), $"{TargetRelativeCiWidth} is outside the allowed range 0..1");
        }
    }

    /// <summary>The settings as one flat string for result rows ("warmup=1;minRuns=5;...").</summary>
    public string Describe() =>
        $"harness={HarnessVersion};warmup={Warmup};minRuns={MinRuns};maxRuns={MaxRuns};minRunTimeMs={MinRunTime.TotalMilliseconds:0.###};" +
        $"budgetS={(TimeBudget == TimeSpan.MaxValue ? "inf" : TimeBudget.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))};" +
        $"targetCi={TargetRelativeCiWidth:0.####};outliers={(RemoveOutliers ? "removed" : "kept")}";
}
