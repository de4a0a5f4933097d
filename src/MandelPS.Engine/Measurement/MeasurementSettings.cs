using System.Globalization;
using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// How kernels are timed and compared. Frozen once constructed and recorded on every result, so a later
/// comparison knows what it compares. Stages: pilot (repetitions per sample so one sample lasts
/// MinRunTime), warm-up (JIT, caches), then measured samples until MinRuns are in and either MaxRuns,
/// the time budget, or the target relative width of the median's confidence interval is reached.
/// </summary>
public sealed record MeasurementSettings
{
    /// <summary>Bumped whenever the harness changes in a way that could move its numbers.</summary>
    public const string HarnessVersion = "4";

    public const int MaxRunsAllowed = 10_000;
    public const int MaxWarmupAllowed = 1_000;
    public const double MaxMinRunTimeMs = 60_000;
    public const double MinTimeBudgetSeconds = 0.1;
    public const double MaxTimeBudgetSeconds = 86_400;
    public const double DefaultThreshold = 0.05;
    public const double DefaultAlpha = 0.05;

    public static MeasurementSettings Default { get; } = new();

    /// <summary>Warm-up samples discarded before measuring (the correctness run comes first, always).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Measured samples at least; with <see cref="MaxRuns"/> equal to it, exactly this many.</summary>
    public int MinRuns { get; init; } = 5;

    /// <summary>Measured samples at most.</summary>
    public int MaxRuns { get; init; } = 30;

    /// <summary>A sample repeats the kernel until it lasts at least this many milliseconds (the pilot decides how often).</summary>
    public double MinRunTimeMs { get; init; } = 50;

    /// <summary>Stop sampling (after MinRuns) once this many seconds of measured time are spent on one kernel.</summary>
    public double TimeBudgetSeconds { get; init; } = 3;

    /// <summary>Stop sampling (after MinRuns) once the 95% CI of the median is this narrow, relative to it.</summary>
    public double TargetRelativeCiWidth { get; init; } = 0.02;

    /// <summary>Leave samples outside Tukey's fences (1.5 IQR) out of the statistics; they are counted either way.</summary>
    public bool RemoveOutliers { get; init; } = true;

    /// <summary>Relative difference a comparison counts (0.05 = 5%): smaller ones read as Same.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Significance level of the comparison's tests.</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>Seed for every random choice (alternation order, bootstrap), so a measurement can be redone.</summary>
    public int Seed { get; init; } = 20111;

    /// <summary>
    /// Settings from a host's options (null: not given), validated: Runs fixes the sample count and
    /// cannot be combined with the adaptive MinRuns, MaxRuns and TimeBudgetSeconds.
    /// </summary>
    public static MeasurementSettings From(int? runs = null, int? minRuns = null, int? maxRuns = null, int? warmup = null,
        double? minRunTimeMs = null, double? timeBudgetSeconds = null, double? threshold = null, double? alpha = null)
    {
        var settings = Default with
        {
            Warmup = warmup ?? Default.Warmup,
            MinRunTimeMs = minRunTimeMs ?? Default.MinRunTimeMs,
            Threshold = threshold ?? Default.Threshold,
            Alpha = alpha ?? Default.Alpha,
        };
        if (runs is { } fixedRuns)
        {
            foreach (var (name, given) in new[] { ("MinRuns", minRuns is not null), ("MaxRuns", maxRuns is not null), ("TimeBudgetSeconds", timeBudgetSeconds is not null) })
            {
                if (given)
                {
                    throw MandelPSException.Invalid(name, "cannot be combined with Runs, which fixes the number of samples");
                }
            }

            MandelPSException.RequireInRange("Runs", fixedRuns, 1, MaxRunsAllowed);
            settings = settings with { MinRuns = fixedRuns, MaxRuns = fixedRuns, TimeBudgetSeconds = MaxTimeBudgetSeconds };
        }
        else
        {
            settings = settings with
            {
                MinRuns = minRuns ?? Math.Min(Default.MinRuns, Math.Max(1, maxRuns ?? Default.MinRuns)),
                MaxRuns = maxRuns ?? Math.Max(Default.MaxRuns, minRuns ?? Default.MaxRuns),
                TimeBudgetSeconds = timeBudgetSeconds ?? Default.TimeBudgetSeconds,
            };
        }

        settings.Validate();
        return settings;
    }

    /// <summary>Throws an InvalidRequest error naming the first setting out of range.</summary>
    public void Validate()
    {
        MandelPSException.RequireInRange("MinRuns", MinRuns, 1, MaxRunsAllowed);
        MandelPSException.RequireInRange("MaxRuns", MaxRuns, MinRuns, MaxRunsAllowed);
        MandelPSException.RequireInRange("Warmup", Warmup, 0, MaxWarmupAllowed);
        MandelPSException.RequireInRange("MinRunTimeMs", MinRunTimeMs, 0, MaxMinRunTimeMs);
        MandelPSException.RequireInRange("TimeBudgetSeconds", TimeBudgetSeconds, MinTimeBudgetSeconds, MaxTimeBudgetSeconds);
        MandelPSException.RequireInRange("TargetRelativeCiWidth", TargetRelativeCiWidth, 0, 1);
        MandelPSException.RequireInRange("Threshold", Threshold, 0, 1);
        if (!(Alpha > 0 && Alpha < 0.5))
        {
            throw MandelPSException.Invalid("Alpha", string.Create(CultureInfo.InvariantCulture, $"{Alpha} is outside the allowed range 0 < alpha < 0.5"), Alpha);
        }
    }

    /// <summary>The settings as one flat, culture-invariant string for result rows ("harness=4;warmup=1;...").</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"harness={HarnessVersion};warmup={Warmup};minRuns={MinRuns};maxRuns={MaxRuns};minRunTimeMs={MinRunTimeMs:0.###};budgetS={TimeBudgetSeconds:0.###};targetCi={TargetRelativeCiWidth:0.####};outliers={(RemoveOutliers ? "removed" : "kept")};threshold={Threshold:0.####};alpha={Alpha:0.####};seed={Seed}");
}
