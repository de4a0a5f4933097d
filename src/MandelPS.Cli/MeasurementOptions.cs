using System.CommandLine;
using MandelPS.Engine.Measurement;

namespace MandelPS.Cli;

/// <summary>How measure and compare sample: the options behind <see cref="MeasurementSettings.From"/>.</summary>
internal sealed class MeasurementOptions
{
    public Option<int?> Runs { get; } = Options.Int("--runs", $"Exactly this many measured samples, 1..{MeasurementSettings.MaxRunsAllowed} (default: adaptive, see --min-runs, --max-runs, --time-budget-seconds).");

    public Option<int?> MinRuns { get; } = Options.Int("--min-runs", $"Measured samples at least (adaptive; default {MeasurementSettings.Default.MinRuns}).");

    public Option<int?> MaxRuns { get; } = Options.Int("--max-runs", $"Measured samples at most (adaptive; default {MeasurementSettings.Default.MaxRuns}).");

    public Option<int?> Warmup { get; } = Options.Int("--warmup", $"Warm-up samples after the correctness run, 0..{MeasurementSettings.MaxWarmupAllowed} (default {MeasurementSettings.Default.Warmup}).");

    public Option<double?> MinRunTimeMs { get; } = Options.Double("--min-run-time-ms", $"Milliseconds one sample lasts at least (fast kernels are repeated within it), 0..{MeasurementSettings.MaxMinRunTimeMs} (default {MeasurementSettings.Default.MinRunTimeMs}).");

    public Option<double?> TimeBudgetSeconds { get; } = Options.Double("--time-budget-seconds", $"Seconds of measuring per kernel after which adaptive sampling stops, {MeasurementSettings.MinTimeBudgetSeconds}..{MeasurementSettings.MaxTimeBudgetSeconds} (default {MeasurementSettings.Default.TimeBudgetSeconds}).");

    public Option<double?> Threshold { get; } = Options.Double("--threshold", "Relative difference a comparison counts, 0..1 (default 0.05 = 5%).");

    public Option<double?> Alpha { get; } = Options.Double("--alpha", "Significance level of the comparison's tests, between 0 and 0.5 (default 0.05).");

    public Option<int?> Seed { get; } = Options.Int("--seed", $"Seed of the alternation order and the bootstrap (default {MeasurementSettings.Default.Seed}).");

    public Option<Engine.Comparison.Clock?> Clock { get; } = Options.Enum<Engine.Comparison.Clock>("--clock",
        "The clock that decides a comparison: wall (elapsed), or cpu (the process's CPU time, less moved by a busy neighbour); both are recorded (default wall)");

    public void AddTo(Command command, bool comparing)
    {
        foreach (var option in new Option[] { Runs, MinRuns, MaxRuns, Warmup, MinRunTimeMs, TimeBudgetSeconds, Seed })
        {
            command.Options.Add(option);
        }

        if (comparing)
        {
            command.Options.Add(Threshold);
            command.Options.Add(Alpha);
            command.Options.Add(Clock);
        }
    }

    public MeasurementSettings ToSettings(ParseResult parse)
    {
        var settings = MeasurementSettings.From(
            runs: parse.Given(Runs), minRuns: parse.Given(MinRuns), maxRuns: parse.Given(MaxRuns), warmup: parse.Given(Warmup),
            minRunTimeMs: parse.Given(MinRunTimeMs), timeBudgetSeconds: parse.Given(TimeBudgetSeconds),
            threshold: parse.Given(Threshold), alpha: parse.Given(Alpha));
        return parse.Given(Seed) is { } seed ? settings with { Seed = seed } : settings;
    }
}
