using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Measurement;

/// <summary>
/// The probe is honest when no exact kernel beats it: measured in the same process, on the region where every
/// pixel runs to the limit (the kernels' best case, no escape bookkeeping wasted) and on the tutorial's view,
/// each exact CPU kernel's rate stays below the ceiling probed beside it (the figure rows carry was probed
/// once, perhaps while other tests ran).
/// </summary>
[Collection(RateMeasurements.Name)]
public sealed class ArithmeticLimitTests
{
    private static readonly MeasurementSettings Runs = MeasurementSettings.From(runs: 5, warmup: 1, minRunTimeMs: 20);

    // Inside the main cardioid: no pixel escapes, so every kernel runs its densest loop for all 2000 steps.
    private static readonly Viewport NoEscape = new(-0.3, -0.1, -0.1, 0.1);

    public static TheoryData<string> ExactCpuKernels()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in KernelRegistry.All.Where(k => k.IsExact && k.Family is not (KernelFamily.Gpu or KernelFamily.SharedData) && k.Availability.IsAvailable))
        {
            data.Add(kernel.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExactCpuKernels))]
    public void NoExactKernel_RunsAboveTheProbedLimit(string kernel)
    {
        // The fast kernels get enough work per run for their best rate; the slow ones only need to be shown below it.
        var fast = KernelRegistry.Get(kernel).Family is KernelFamily.Simd or KernelFamily.Parallel;
        var plans = new[] { Precision.Double, Precision.Single }
            .SelectMany(p => new[] { NoEscape, Viewport.Tutorial }.Select(v => RenderPlan.Create(new RenderRequest
            {
                Kernel = kernel, Precision = p, Viewport = v, Width = fast ? 256 : 48, Height = fast ? 256 : 48, MaxIterations = 2000,
            })))
            .ToList();

        var rows = new KernelBenchmark(Runs).Measure(plans).ToList();
        var limits = ArithmeticLimit.ProbeNow();
        foreach (var row in rows)
        {
            Assert.Equal(MeasurementStatus.Ok, row.Status);
            var cores = row.Threads > 1 ? Environment.ProcessorCount : 1;

            // Another tenant of a shared machine can slow one probe (a 2-core probe read 8.4 G it/s once, with
            // the kernel at 14.8): a kernel at or above a figure has it probed again, as every row's is
            // (LimitFigures), before the probe is called wrong.
            var limit = limits.For(Enum.Parse<Precision>(row.Precision), cores, row.GIterPerSec);
            Assert.True(row.GIterPerSec < limit, $"{row.Describe()}: {row.GIterPerSec:0.###} G it/s is above the probed limit {limit:0.###}: the probe is wrong");
            Assert.Equal(100 * row.GIterPerSec / row.LimitGIterPerSec!.Value, row.PercentOfLimit!.Value, 9);
        }
    }

    [Fact]
    public void TheProbe_GivesBothPrecisions_OnOneCoreAndEveryCore_SingleAheadOfDouble()
    {
        var limits = ArithmeticLimit.All;
        var cores = new[] { 1, Environment.ProcessorCount }.Distinct().ToList();
        Assert.Equal(cores.Count * 2, limits.Count);
        foreach (var n in cores)
        {
            var single = Assert.Single(limits, l => l.Cores == n && l.Precision == "Single");
            var @double = Assert.Single(limits, l => l.Cores == n && l.Precision == "Double");
            Assert.True(single.GIterPerSec > @double.GIterPerSec, $"{n} cores: single {single.GIterPerSec} is not ahead of double {@double.GIterPerSec} with twice the lanes");
        }
    }

    [Fact]
    public void RowsWithoutThisRecurrenceOnThisCpu_HaveNoLimit()
    {
        var small = new RenderRequest { Width = 32, Height = 32, MaxIterations = 50 };
        var rows = new KernelBenchmark(MeasurementSettings.From(runs: 1, warmup: 0, minRunTimeMs: 0)).Measure(
        [
            RenderPlan.Create(small with { Kernel = "BuddhabrotPrivate" }),
            RenderPlan.Create(small with { Kernel = "FormulaCompiled", Formula = "z^3 + c" }),
            RenderPlan.Create(small with { Kernel = "Parallel", Options = new KernelOptions { Threads = 1 } }),
        ]).ToList();
        Assert.Null(rows[0].PercentOfLimit);
        Assert.Null(rows[1].LimitGIterPerSec);
        Assert.Equal(ArithmeticLimit.GIterPerSec(Precision.Double, threads: 1), rows[2].LimitGIterPerSec);
    }
}
