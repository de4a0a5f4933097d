using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>The streaming membership bitmap equals the counts-based PBM byte for byte (its memory: <see cref="StreamingMemoryTests"/>).</summary>
public sealed class MembershipBitmapTests
{
    public static TheoryData<int> Sizes()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(1, 64).Concat([200, 1001, 4001]))
        {
            data.Add(n);
        }

        return data;
    }

    private static byte[] Streamed(RenderPlan plan)
    {
        using var stream = new MemoryStream();
        MembershipBitmap.Write(plan, stream);
        return stream.ToArray();
    }

    private static byte[] FromCounts(RenderPlan plan)
    {
        using var stream = new MemoryStream();
        ImageWriter.Write(PreparedRender.RunOnce(plan), stream, ImageFormat.Pbm);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BenchmarksGame_EqualsTheCountsBasedBitmap(int n)
    {
        var plan = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = n }.PlanOne();
        Assert.Equal(FromCounts(plan), Streamed(plan));
    }

    public static TheoryData<string, Precision, VectorWidth> ViewportsAndWidths()
    {
        var data = new TheoryData<string, Precision, VectorWidth>();
        foreach (var scenario in new[] { "Tutorial", "DeepZoom", "BoundaryZoom", "Inside", "SevenByThirteen" })
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        foreach (var width in AcceleratedWidths.All)
        {
            data.Add(scenario, precision, width);
        }

        return data;
    }

    /// <summary>Long limits (where racing every iteration meets NaN and infinity) and every accelerated width.</summary>
    [Theory]
    [MemberData(nameof(ViewportsAndWidths))]
    public void AnyPlan_EqualsTheCountsBasedBitmap(string scenario, Precision precision, VectorWidth width)
    {
        var request = Kernels.Scenarios.Get(scenario) with { Kernel = "ParallelSimd", Precision = precision, Options = new KernelOptions { VectorWidth = width } };
        var plan = RenderPlan.Create(request);
        Assert.Equal(FromCounts(plan), Streamed(plan));
    }

    [Theory]
    [InlineData("BenchmarksGame", "MembershipFinalTest 100%")]
    [InlineData("Tutorial", "MembershipRunningMaximum 100%")]
    public void Summary_CountsThePixelsInTheSet_AndHasNoCountFigures(string scenario, string codePath)
    {
        var request = scenario == "BenchmarksGame"
            ? new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 301 }.PlanOne().Request
            : Kernels.Scenarios.Get(scenario) with { Kernel = "ParallelSimd" };
        var plan = RenderPlan.Create(request);
        using var stream = new MemoryStream();
        var summary = MembershipBitmap.Write(plan, stream, "/some/where.pbm");
        var fromCounts = RenderSummary.From(PreparedRender.RunOnce(plan), null);
        Assert.InRange(summary.PixelsInSet, 1, plan.Width * plan.Height - 1);
        Assert.Equal(fromCounts.PixelsInSet, summary.PixelsInSet);
        Assert.Null(summary.ValidationSum);
        Assert.Null(summary.TotalIterations);
        Assert.Equal(codePath, summary.CodePath);
        Assert.Equal("/some/where.pbm", summary.Path);
    }

    [Fact]
    public void Simd_DecidesTheSameBitmap_OnOneThread()
    {
        var parallel = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 203 }.PlanOne();
        var single = RenderPlan.Create(parallel.Request with { Kernel = "Simd" });
        using var stream = new MemoryStream();
        var summary = MembershipBitmap.Write(single, stream);
        Assert.Null(summary.Threads); // Simd does not spread rows: one thread, and no Threads setting to show
        Assert.Equal("Simd", summary.Kernel);
        Assert.Equal(Streamed(parallel), stream.ToArray());
    }

    [Fact]
    public void AKernelWithoutAMembershipPath_IsRefused()
    {
        var plan = RenderPlan.Create(new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 16 }.PlanOne().Request with { Kernel = "Expanded" });
        Assert.Throws<ArgumentException>(() => MembershipBitmap.Write(plan, new MemoryStream()));
    }

    [Fact]
    public void Progress_ClimbsThroughTheRows_OncePerHundredth()
    {
        var parallel = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 1000 }.PlanOne();
        foreach (var plan in new[] { parallel, RenderPlan.Create(parallel.Request with { Kernel = "Simd" }) })
        {
            var heard = new List<MeasurementProgress>();
            MembershipBitmap.Write(plan, Stream.Null, progress: heard.Add);
            Assert.All(heard, p => Assert.Equal(plan.Height, p.Total));
            Assert.All(heard, p => Assert.InRange(p.Index, 10, plan.Height - 1));
            Assert.Equal(heard.Select(p => p.PercentComplete).Distinct().Order(), heard.Select(p => p.PercentComplete)); // climbing, each hundredth once
            if (plan.Threads == 1)
            {
                Assert.Equal(Enumerable.Range(1, 99).Select(k => 10 * k), heard.Select(p => p.Index)); // rows come one at a time
            }
        }
    }
}
