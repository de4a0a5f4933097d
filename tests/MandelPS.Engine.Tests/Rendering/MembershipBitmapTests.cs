using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels.Simd;
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
}
