using System.Diagnostics;
using System.Runtime;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// The one sampling path for measurement and comparison. Every side gets its pilot choice of
/// repetitions, then warm-up rounds (more while the runtime is still compiling: see
/// <see cref="WarmWhileCompiling"/>), then measured rounds; in each round every side is sampled once in
/// an order shuffled from the settings' seed, so drift and heat hit all sides alike. Rounds go on while
/// any side still wants samples (<see cref="StoppingRule"/>), so every side has the same count. A
/// measurement is the one-side case.
/// </summary>
public sealed class SampleCollector
{
    private readonly MeasurementSettings _settings;
    private readonly StoppingRule _rule;

    public SampleCollector(MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _rule = new StoppingRule(settings);
        _settings = settings;
    }

    // How long the runtime must have compiled nothing before measured rounds start, and the most time
    // spent waiting for it. Tiered compilation recompiles hot methods on a background thread after a
    // 100 ms lull; on two cores that thread takes one from a parallel kernel (measured: ParallelSimd's
    // first samples ran 15-70% slow for about 1.5 s of a process's life).
    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(3);

    /// <summary>The order the sides were sampled in, round by round (for tests of the alternation).</summary>
    internal List<IReadOnlyList<int>>? RecordOrder { get; init; }

    /// <summary>Methods the runtime has compiled so far (tests script it).</summary>
    internal Func<long> CompiledMethods { get; init; } = () => JitInfo.GetCompiledMethodCount();

    public void Collect(IReadOnlyList<SampledSide> sides, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sides);
        var timed = sides.Where(s => s.IsTimed).ToArray();
        if (timed.Length == 0)
        {
            return;
        }

        foreach (var side in timed)
        {
            side.Repetitions = _rule.Repetitions(side.WarmRunMs);
        }

        var random = new Random(_settings.Seed);
        var order = Enumerable.Range(0, timed.Length).ToArray();
        var compiled = CompiledMethods();
        for (var w = 0; w < _settings.Warmup; w++)
        {
            compiled = CompiledMethods();
            WarmUp(timed, order, cancellation);
        }

        if (_settings.Warmup > 0 && CompiledMethods() != compiled)
        {
            WarmWhileCompiling(timed, order, cancellation);
        }

        while (timed.Any(s => _rule.AnotherSample(s.Samples, s.SpentMs)))
        {
            random.Shuffle(order);
            RecordOrder?.Add([.. order]);
            foreach (var k in order)
            {
                timed[k].Sample(keep: true, cancellation);
            }
        }

        foreach (var side in timed)
        {
            // The rounds ended because every side's rule said stop; a side may have been sampled past its
            // own stop while another still wanted samples, and then reports the rule that holds now.
            side.StopReason = _rule.Reason(side.Samples, side.SpentMs) ?? throw new InvalidOperationException("sampling ended while a side still wanted samples");
        }
    }

    /// <summary>
    /// More warm-up rounds while the runtime compiles (it did during the last fixed round): until it has
    /// compiled nothing for <see cref="QuietFor"/>, at most <see cref="LongestWait"/>. Background
    /// recompilation would otherwise share the cores with the first measured samples.
    /// </summary>
    private void WarmWhileCompiling(SampledSide[] timed, int[] order, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var quietSince = started;
        var compiled = CompiledMethods();
        while (Stopwatch.GetElapsedTime(quietSince) < QuietFor && Stopwatch.GetElapsedTime(started) < LongestWait)
        {
            WarmUp(timed, order, cancellation);
            var now = CompiledMethods();
            if (now != compiled)
            {
                (compiled, quietSince) = (now, Stopwatch.GetTimestamp());
            }
        }
    }

    private static void WarmUp(SampledSide[] timed, int[] order, CancellationToken cancellation)
    {
        foreach (var k in order)
        {
            timed[k].Sample(keep: false, cancellation);
        }
    }
}
