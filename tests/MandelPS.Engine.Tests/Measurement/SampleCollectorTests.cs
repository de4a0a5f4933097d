using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Tests.Measurement;

/// <summary>The one sampling path, driven by synthetic sides: no kernel, no clock.</summary>
public sealed class SampleCollectorTests
{
    private sealed class Scripted(double ms, bool timed = true) : SampledSide
    {
        public int Calls { get; private set; }

        public override bool IsTimed => timed;

        public override double WarmRunMs => ms;

        public override double RunOnceMs(CancellationToken cancellation)
        {
            Calls++;
            return ms;
        }
    }

    private static long NothingCompiling() => 0;

    [Fact]
    public void EveryRound_SamplesEverySideOnce_InAnOrderShuffledFromTheSeed()
    {
        var order = new List<IReadOnlyList<int>>();
        var sides = new[] { new Scripted(10), new Scripted(20), new Scripted(30) };
        new SampleCollector(MeasurementSettings.From(runs: 12, warmup: 0, minRunTimeMs: 0)) { RecordOrder = order }.Collect(sides);
        Assert.Equal(12, order.Count);
        Assert.All(order, round => Assert.Equal([0, 1, 2], round.Order()));
        Assert.True(order.Select(r => r[0]).Distinct().Count() > 1, "the order must change between rounds");
        Assert.All(sides, s => Assert.Equal(12, s.Samples.Count));

        var again = new List<IReadOnlyList<int>>();
        new SampleCollector(MeasurementSettings.From(runs: 12, warmup: 0, minRunTimeMs: 0)) { RecordOrder = again }.Collect([new Scripted(10), new Scripted(20), new Scripted(30)]);
        Assert.Equal(order.Select(r => string.Join(",", r)), again.Select(r => string.Join(",", r)));
    }

    [Fact]
    public void ASideThatFailedItsCheck_IsNeverRun()
    {
        var failed = new Scripted(5, timed: false);
        new SampleCollector(MeasurementSettings.From(runs: 3, warmup: 2, minRunTimeMs: 0)) { CompiledMethods = NothingCompiling }.Collect([new Scripted(5), failed]);
        Assert.Equal(0, failed.Calls);
        Assert.Empty(failed.Samples);
    }

    [Fact]
    public void WarmupSamples_AreRunButNotKept_AndThePilotRepeatsFastSides()
    {
        var fast = new Scripted(0.5);
        new SampleCollector(MeasurementSettings.From(runs: 4, warmup: 2, minRunTimeMs: 10)) { CompiledMethods = NothingCompiling }.Collect([fast]);
        Assert.Equal(20, fast.Repetitions);
        Assert.Equal(4, fast.Samples.Count);
        Assert.Equal((2 + 4) * 20, fast.Calls);
    }

    /// <summary>
    /// The runtime compiles through the first 50 rounds (as tiered compilation does in a fresh process):
    /// warm-up goes on until it has been quiet a while, and the kept samples are the same in number.
    /// With warm-up switched off, nothing waits.
    /// </summary>
    [Fact]
    public void WarmUp_GoesOnWhileTheRuntimeCompiles()
    {
        var side = new Scripted(1);
        var compiled = 0L;
        long Compiling() => side.Calls < 50 ? ++compiled : compiled;
        new SampleCollector(MeasurementSettings.From(runs: 4, warmup: 1, minRunTimeMs: 0)) { CompiledMethods = Compiling }.Collect([side]);
        Assert.Equal(4, side.Samples.Count);
        Assert.True(side.Calls > 50 + 4, $"{side.Calls} runs: warm-up stopped while the runtime was compiling");

        var cold = new Scripted(1);
        new SampleCollector(MeasurementSettings.From(runs: 4, warmup: 0, minRunTimeMs: 0)) { CompiledMethods = () => ++compiled }.Collect([cold]);
        Assert.Equal(4, cold.Calls);
    }

    [Fact]
    public void AdaptiveSampling_StopsAtTheTimeBudget_ButNeverBeforeMinRuns()
    {
        var slow = new Scripted(400); // 0.4 s per sample against a 1 s budget
        new SampleCollector(MeasurementSettings.From(minRuns: 5, maxRuns: 30, warmup: 0, minRunTimeMs: 0, timeBudgetSeconds: 1)).Collect([slow]);
        Assert.Equal(5, slow.Samples.Count);
        Assert.Equal(StopReason.TimeBudget, slow.StopReason);
    }

    [Fact]
    public void EachSide_RecordsWhichRuleStoppedIt()
    {
        var steady = new Scripted(10); // identical samples: a zero-width interval at MinRuns
        new SampleCollector(MeasurementSettings.From(minRuns: 5, maxRuns: 30, warmup: 0, minRunTimeMs: 0)).Collect([steady]);
        Assert.Equal((5, StopReason.TargetCi), (steady.Samples.Count, steady.StopReason));

        var fixedRuns = new Scripted(10);
        new SampleCollector(MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0)).Collect([fixedRuns]);
        Assert.Equal(StopReason.FixedRuns, fixedRuns.StopReason);

        var failed = new Scripted(10, timed: false);
        new SampleCollector(MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0)).Collect([failed]);
        Assert.Equal(StopReason.None, failed.StopReason);
    }
}
