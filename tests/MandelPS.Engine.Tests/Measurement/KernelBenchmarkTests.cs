using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Measurement;

public sealed class KernelBenchmarkTests
{
    private static readonly RenderRequest Small = new() { Width = 48, Height = 32, MaxIterations = 80 };

    [Fact]
    public void Measure_ReportsOneRowPerRequest_WithStatisticsEnvironmentAndSamples()
    {
        var rows = new KernelBenchmark(MeasurementSettings.Fixed(runs: 4, warmup: 1))
            .Measure([Small with { Kernel = "Naive" }, Small with { Kernel = "Simd" }]);
        Assert.Equal(["Naive", "Simd"], rows.Select(r => r.Kernel));
        foreach (var row in rows)
        {
            Assert.Equal("Ok", row.Status);
            Assert.Equal(4, SampleText.Parse(row.SamplesMs).Length);
            Assert.InRange(row.MedianMs, row.MinMs, row.MaxMs);
            Assert.InRange(row.MedianMs, row.MedianCiLowerMs, row.MedianCiUpperMs);
            Assert.Equal(Environment.ProcessorCount, row.LogicalCores);
            Assert.False(string.IsNullOrEmpty(row.DotNetVersion));
            Assert.Contains("harness=" + MeasurementSettings.HarnessVersion, row.Settings);
            Assert.True(row.OverheadMs < 0.1, $"overhead {row.OverheadMs} ms");
        }

        Assert.Equal(1.0, rows.Min(r => r.Speedup), 12);
        Assert.Equal(rows[0].ValidationSum - rows[0].ValidationSumDelta, rows[1].ValidationSum);
        Assert.Equal(0, rows[1].DifferingPixels);
    }

    [Fact]
    public void AnExactKernelThatDisagrees_IsReportedFailed_AndNotTimed()
    {
        var broken = new OffByOneKernel();
        var benchmark = new KernelBenchmark(MeasurementSettings.Fixed(3, 0), r => MandelbrotEngine.Prepare(r, broken));
        var row = Assert.Single(benchmark.Measure([Small]));
        Assert.Equal("Failed", row.Status);
        Assert.Equal(0, row.Runs);
        Assert.Equal("", row.SamplesMs);
        Assert.Equal(Small.Width * Small.Height, row.DifferingPixels);
    }

    [Fact]
    public void ParallelEfficiency_ComesFromTheOneThreadTwin()
    {
        var rows = new KernelBenchmark(MeasurementSettings.Fixed(3, 0)).Measure(
        [
            Small with { Kernel = "Parallel", Options = new KernelOptions { DegreeOfParallelism = 1 } },
            Small with { Kernel = "Parallel", Options = new KernelOptions { DegreeOfParallelism = 2 } },
        ]);
        Assert.Equal(0, rows[0].ParallelEfficiency);
        Assert.Equal(rows[0].MedianMs / rows[1].MedianMs / 2, rows[1].ParallelEfficiency, 12);
    }

    [Fact]
    public void Progress_ReportsEachRequest_WithAnEstimate()
    {
        var seen = new List<MeasurementProgress>();
        new KernelBenchmark(MeasurementSettings.Fixed(1, 0)) { OnProgress = seen.Add }
            .Measure([Small, Small with { Kernel = "Simd" }, Small with { Kernel = "Parallel" }]);
        Assert.Equal([0, 1, 2], seen.Select(p => p.Index));
        Assert.Null(seen[0].EstimatedRemaining);
        Assert.NotNull(seen[2].EstimatedRemaining);
        Assert.StartsWith("3/3: Parallel", seen[2].Status);
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
