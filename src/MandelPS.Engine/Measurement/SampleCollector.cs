namespace MandelPS.Engine.Measurement;

/// <summary>
/// The one sampling path for measurement and comparison. Every side gets its pilot choice of
/// repetitions, then warm-up rounds, then measured rounds; in each round every side is sampled once in
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

    /// <summary>The order the sides were sampled in, round by round (for tests of the alternation).</summary>
    internal List<IReadOnlyList<int>>? RecordOrder { get; init; }

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
        for (var w = 0; w < _settings.Warmup; w++)
        {
            foreach (var k in order)
            {
                timed[k].Sample(keep: false, cancellation);
            }
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
}
