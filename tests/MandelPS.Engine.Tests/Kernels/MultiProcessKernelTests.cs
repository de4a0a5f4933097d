using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// MultiProcess runs real child processes of the CLI (beside MandelPS.Engine.dll here, as in the module):
/// counts equal the reference for any process count, spawn and transfer are phases beside compute, and a
/// cancelled run stops its children. (Every scenario and precision is in KernelConformanceTests.)
/// </summary>
public sealed class MultiProcessKernelTests
{
    [Fact]
    public void TheCliBesideTheEngine_IsTheWorkerPool()
    {
        Assert.Null(Engine.Workers.WorkerPools.Unavailable);
        Assert.True(KernelRegistry.Get("MultiProcess").Availability.IsAvailable);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(13)]
    public void AnyProcessCount_EqualsTheReference(int processes)
    {
        var request = Scenarios.Tutorial with { Width = 31, Height = 13, Kernel = "MultiProcess", Options = new KernelOptions { Threads = processes } };
        var expected = ReferenceCache.For(request, "Expanded");
        var actual = MandelbrotEngine.Render(request);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(Math.Min(processes, 13), actual.Threads);
    }

    [Fact]
    public void SpawnAndTransfer_AreReportedBesideCompute()
    {
        var result = MandelbrotEngine.Render(Scenarios.Tutorial with { Kernel = "MultiProcess", Options = new KernelOptions { Threads = 2 } });
        Assert.Equal([KernelPhase.Compute, KernelPhase.Spawn, KernelPhase.Transfer], result.Phases.Keys);
        Assert.True(result.Phases[KernelPhase.Spawn] > TimeSpan.Zero);
        Assert.Contains("Spawn=", RenderSummary.From(result, null).Phases);
    }

    [Fact]
    public void InBands_EqualsTheWholeRender()
    {
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Width = 40, Height = 30, Kernel = "MultiProcess" });
        var counts = new int[plan.Grid.PixelCount];
        new BandedRender(plan, null, 11).ForEachBand((band, chunk) => chunk.Span.CopyTo(counts.AsSpan(band.First * plan.Width)), default);
        Assert.Equal(ReferenceCache.For(plan.Request, "Expanded").Counts, counts);
    }
}
