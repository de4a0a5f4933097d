using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Tests.Measurement;

/// <summary>The stopping rules, driven by synthetic timings: no real clock, nothing flaky.</summary>
public sealed class SamplerTests
{
    private static readonly MeasurementSettings Adaptive = new()
    {
        Warmup = 2, MinRuns = 5, MaxRuns = 40, MinRunTime = TimeSpan.FromMilliseconds(50), TimeBudget = TimeSpan.FromSeconds(10), TargetRelativeCiWidth = 0.02,
    };

    [Theory]
    [InlineData(2.0, 25)]
    [InlineData(0.3, 167)]
    [InlineData(50.0, 1)]
    [InlineData(400.0, 1)]
    public void Pilot_RepeatsFastKernels_UntilASampleLastsMinRunTime(double firstRunMs, int expected) =>
        Assert.Equal(expected, new Sampler(Adaptive).Pilot(firstRunMs));

    [Fact]
    public void SteadyTimings_StopAtMinRuns_AfterDiscardingWarmups()
    {
        var calls = 0;
        var result = new Sampler(Adaptive).Run(() => { calls++; return 100; }, firstRunMs: 100);
        Assert.Equal(5, result.Samples.Count);
        Assert.Equal(1, result.RepetitionsPerSample);
        Assert.Equal(2 + 5, calls);
    }

    [Fact]
    public void NoisyTimings_KeepSampling_UntilMaxRuns()
    {
        var random = new Random(3);
        var result = new Sampler(Adaptive).Run(() => 100 * (1 + 0.5 * random.NextDouble()), firstRunMs: 100);
        Assert.Equal(40, result.Samples.Count);
    }

    [Fact]
    public void NoisyTimings_StopAtTheTimeBudget()
    {
        var random = new Random(3);
        var settings = Adaptive with { TimeBudget = TimeSpan.FromMilliseconds(1000) };
        var result = new Sampler(settings).Run(() => 100 * (1 + 0.5 * random.NextDouble()), firstRunMs: 100);
        // 5 samples are owed regardless; after that each costs ~125 ms, so ~8 fit in one second.
        Assert.InRange(result.Samples.Count, 7, 9);
    }

    [Fact]
    public void ModeratelyNoisyTimings_StopOnceTheCiIsNarrow()
    {
        var random = new Random(11);
        var result = new Sampler(Adaptive with { TargetRelativeCiWidth = 0.05 }).Run(() => 100 * (1 + 0.06 * random.NextDouble()), firstRunMs: 100);
        Assert.InRange(result.Samples.Count, 5, 39);
        Assert.True(new SampleStatistics(result.Samples, true).RelativeCiWidth <= 0.05);
    }

    [Fact]
    public void Samples_AreMeanRunTimes_OverThePilotsRepetitions()
    {
        var times = new Queue<double>(Enumerable.Repeat(new[] { 1.0, 3.0 }, 1000).SelectMany(x => x));
        var result = new Sampler(Adaptive with { Warmup = 0 }).Run(times.Dequeue, firstRunMs: 2);
        Assert.Equal(25, result.RepetitionsPerSample);
        Assert.All(result.Samples, s => Assert.InRange(s, 1.9, 2.1));
    }

    [Fact]
    public void Fixed_RunsExactlyThatMany()
    {
        var result = new Sampler(MeasurementSettings.Fixed(7, 0)).Run(new Random(1).NextDouble, firstRunMs: 0.5);
        Assert.Equal(7, result.Samples.Count);
        Assert.Equal(1, result.RepetitionsPerSample);
    }

    [Theory]
    [InlineData(0, 30, "Runs")]
    [InlineData(5, 4, "MaxRuns")]
    public void BadSettings_AreRefused(int minRuns, int maxRuns, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<MandelPS.Engine.Problem.RequestValidationException>(() => new Sampler(new MeasurementSettings { MinRuns = minRuns, MaxRuns = maxRuns })).ParamName);
}
