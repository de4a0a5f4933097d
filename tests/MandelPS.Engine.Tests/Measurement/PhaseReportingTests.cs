using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Measurement;

/// <summary>Phases a kernel times itself reach the result and the measurement row; compile is reported once, not sampled.</summary>
public sealed class PhaseReportingTests
{
    private static readonly RenderRequest Small = new() { Width = 24, Height = 16, MaxIterations = 50 };

    [Fact]
    public void RenderResult_CarriesThePhasesTheKernelRecorded()
    {
        var result = PreparedRender.RunOnce(RenderPlan.ForKernel(Small, new PhasedKernel()));

        Assert.Equal([KernelPhase.Compile, KernelPhase.Upload, KernelPhase.Compute], result.Phases.Keys);
        Assert.Equal(TimeSpan.FromMilliseconds(2), result.Phases[KernelPhase.Upload]);
        Assert.Equal("Compile=5;Upload=2;Compute=3", RenderSummary.From(result, null).Phases);
    }

    [Fact]
    public void Measurement_ReportsCompileOnce_AndTheMedianOfEveryOtherPhase()
    {
        var kernel = new PhasedKernel();
        var row = Assert.Single(new KernelBenchmark(MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0))
            .Measure([RenderPlan.ForKernel(Small, kernel)]));

        Assert.Equal(5, row.CompileMs);
        Assert.Equal("Upload=2;Compute=3", row.Phases);
        Assert.Equal("Upload+Compute", row.TimeIncludes);
        Assert.True(kernel.Runs > 3);
    }

    [Fact]
    public void CpuKernels_ReportNoPhases_AndTimeThatIsAllCompute()
    {
        var row = Assert.Single(new KernelBenchmark(MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0))
            .Measure([RenderPlan.Create(Small)]));

        Assert.Equal(0, row.CompileMs);
        Assert.Equal("", row.Phases);
        Assert.Equal("Compute", row.TimeIncludes);
    }

    /// <summary>The reference's counts, with made-up phase times: compile on the first run only, as a cached GPU program would.</summary>
    private sealed class PhasedKernel : Kernel
    {
        public int Runs { get; private set; }

        public override string Name => "Phased";

        public override string Technique => "test double";

        public override KernelFamily Family => KernelFamily.Scalar;

        public override bool IsExact => true;

        public override void Compute<T>(KernelJob<T> job)
        {
            if (Runs++ == 0)
            {
                job.Phases.Record(KernelPhase.Compile, TimeSpan.FromMilliseconds(5));
            }

            job.Phases.Record(KernelPhase.Upload, TimeSpan.FromMilliseconds(2));
            new ExpandedKernel().Compute(job);
            job.Phases.Record(KernelPhase.Compute, TimeSpan.FromMilliseconds(3));
        }
    }
}
