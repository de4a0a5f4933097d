using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Tests.Measurement;

public sealed class StoppingRuleTests
{
    private static readonly StoppingRule Rule = new(MeasurementSettings.From(minRuns: 5, maxRuns: 8, warmup: 0, minRunTimeMs: 50, timeBudgetSeconds: 100));

    [Theory]
    [InlineData(100, 1)]
    [InlineData(50, 1)]
    [InlineData(10, 5)]
    [InlineData(0.3, 167)]
    public void Pilot_RepeatsARunUntilASampleLastsMinRunTime(double warmRunMs, int expected) =>
        Assert.Equal(expected, Rule.Repetitions(warmRunMs));

    [Fact]
    public void AnotherSample_UntilMinRuns_ThenUntilTheCiIsNarrowOrMaxRuns()
    {
        Assert.True(Rule.AnotherSample([10, 10, 10, 10], 0));
        Assert.False(Rule.AnotherSample([10, 10, 10, 10, 10], 0)); // a zero-width CI
        Assert.True(Rule.AnotherSample([10, 30, 10, 30, 20], 0)); // wide
        Assert.False(Rule.AnotherSample([10, 30, 10, 30, 20, 10, 30, 20], 0)); // MaxRuns
        Assert.False(Rule.AnotherSample([10, 30, 10, 30, 20], 100_000)); // budget spent
    }
}
