using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Measurement;

public sealed class KernelBenchmarkTests
{
    private static readonly RenderRequest Small = new() { Width = 48, Height = 32, MaxIterations = 80 };
    private static readonly MeasurementSettings ThreeRuns = MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0);

    private static RenderPlan Plan(RenderRequest request) => RenderPlan.Create(request);

    [Fact]
    public void Rows_CarryTheRequestThatProducedThem_AndWhatRan()
    {
        var rows = new KernelBenchmark(ThreeRuns).Measure(
        [
            Plan(Small with { Kernel = "Simd", Precision = Precision.Single }),
            Plan(Small with { Kernel = "Parallel", Width = 40, Options = new KernelOptions { Threads = 2 } }),
        ]).ToList();
        Assert.Equal((48, 32, 80, "Single", AcceleratedWidths.Widest.ToString(), (int?)null), (rows[0].Width, rows[0].Height, rows[0].MaxIterations, rows[0].Precision, rows[0].VectorWidth, rows[0].Threads));
        Assert.Equal((40, (string?)null, (int?)2), (rows[1].Width, rows[1].VectorWidth, rows[1].Threads));
        Assert.All(rows, r => Assert.Equal(MeasurementStatus.Ok, r.Status));
        Assert.All(rows, r => Assert.Equal(Small.Viewport.ToString(), r.Viewport));
        Assert.All(rows, r => Assert.Equal(3, SampleText.Parse(r.SamplesMs).Length));
        Assert.All(rows, r => Assert.InRange(r.MedianMs, r.MedianCiLowerMs, r.MedianCiUpperMs));
    }

    [Fact]
    public void AnExactKernelThatDisagrees_IsReportedFailed_AndNotTimed()
    {
        var row = Assert.Single(new KernelBenchmark(ThreeRuns).Measure([RenderPlan.ForKernel(Small, new OffByOneKernel())]));
        Assert.Equal(MeasurementStatus.Failed, row.Status);
        Assert.Equal(0, row.Runs);
        Assert.Equal("", row.SamplesMs);
        Assert.Equal(Small.Width * Small.Height, row.DifferingPixels);
    }

    [Fact]
    public void ParallelEfficiency_ComesFromTheOneThreadRowMeasuredEarlier()
    {
        var rows = new KernelBenchmark(ThreeRuns).Measure(
        [
            Plan(Small with { Kernel = "Parallel", Options = new KernelOptions { Threads = 1 } }),
            Plan(Small with { Kernel = "Parallel", Options = new KernelOptions { Threads = 2 } }),
        ]).ToList();
        Assert.Null(rows[0].ParallelEfficiency);
        Assert.Equal(rows[0].MedianMs / rows[1].MedianMs / 2, rows[1].ParallelEfficiency!.Value, 12);
        Assert.Null(rows[1].Speedup); // over Expanded, the reference: not measured here
    }

    [Fact]
    public void Speedup_IsOverTheDeclaredBaseline_MeasuredFirst_RowsInTheOrderAsked()
    {
        var progress = new List<string>();
        var rows = new KernelBenchmark(ThreeRuns).Measure([Plan(Small with { Kernel = "Simd" }), Plan(Small with { Kernel = "Expanded" })], p => progress.Add(p.Description)).ToList();
        Assert.StartsWith("Expanded", progress[0], StringComparison.Ordinal); // the reference measured first, as hyperfine's reference command
        Assert.Equal(["Simd", "Expanded"], rows.Select(r => r.Kernel)); // and held back until its turn
        Assert.All(rows, r => Assert.Equal("Expanded", r.SpeedupBaseline));
        Assert.Equal(1, rows[1].Speedup);
        Assert.Equal(rows[1].MedianMs / rows[0].MedianMs, rows[0].Speedup!.Value, 12);
        Assert.InRange(rows[0].Speedup!.Value, rows[0].SpeedupCiLower!.Value, rows[0].SpeedupCiUpper!.Value);
    }

    [Fact]
    public void ANamedBaseline_IsMeasuredOnEveryProblemThatLacksIt()
    {
        var rows = new KernelBenchmark(ThreeRuns) { Baseline = "Simd" }.Measure([Plan(Small with { Kernel = "Parallel", Options = new KernelOptions { Threads = 2 } })]).ToList();
        Assert.Equal(["Simd", "Parallel"], rows.Select(r => r.Kernel));
        Assert.Equal(rows[0].MedianMs / rows[1].MedianMs, rows[1].Speedup!.Value, 12);
        Assert.Equal("Simd", rows[1].SpeedupBaseline);
    }

    [Fact]
    public void Rows_Stream_OnePerPlan_AsTheyAreMeasured()
    {
        var seen = new List<MeasurementProgress>();
        using var rows = new KernelBenchmark(ThreeRuns).Measure([Plan(Small), Plan(Small with { Kernel = "Simd" })], seen.Add).GetEnumerator();
        Assert.True(rows.MoveNext());
        Assert.Single(seen); // the second plan has not started when the first row is out
        Assert.True(rows.MoveNext());
        Assert.Equal([0, 1], seen.Select(p => p.Index));
        Assert.StartsWith("2/2: Simd 48x32", seen[1].Status);
    }

    [Fact]
    public void Runs_NeverDropBelowMinRuns_WhenOutliersAreRemoved()
    {
        var row = Assert.Single(new KernelBenchmark(MeasurementSettings.From(runs: 7, warmup: 0, minRunTimeMs: 0)).Measure([Plan(Small)]));
        Assert.Equal(7, row.Runs);
    }

    /// <summary>Claims to be exact but adds one to every count: the gate must catch it.</summary>
    private sealed class OffByOneKernel : Kernel
    {
        public override string Name => "OffByOne";

        public override string Technique => "a deliberately wrong kernel";

        public override KernelFamily Family => KernelFamily.Scalar;

        public override bool IsExact => true;

        public override void Compute<T>(KernelJob<T> job)
        {
            new ExpandedKernel().Compute(job);
            for (var k = 0; k < job.Counts.Length; k++)
            {
                job.Counts[k]++;
            }
        }
    }
}
