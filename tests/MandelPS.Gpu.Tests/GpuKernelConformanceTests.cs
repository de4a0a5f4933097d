using MandelPS.Engine;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Tests.Kernels;

namespace MandelPS.Gpu.Tests;

/// <summary>
/// Every GPU kernel on every device that exists here, on the CPU ladder's viewports (odd sizes, a deep
/// zoom, the tutorial and Benchmarks Game grids) in both precisions: bit for bit equal to Expanded.
/// </summary>
public sealed class GpuKernelConformanceTests
{
    public static TheoryData<string, string, string, Precision> Cases()
    {
        var data = new TheoryData<string, string, string, Precision>();
        foreach (var (kernel, device) in GpuDevices.Targets())
        foreach (var scenario in Scenarios.Names())
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            data.Add(kernel, device, scenario, precision);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GpuKernel_MatchesReference(string kernel, string device, string scenario, Precision precision)
    {
        var request = ForDevice(kernel, device, Scenarios.Get(scenario)) with { Precision = precision };
        var expected = ReferenceCache.For(request);

        var actual = MandelbrotEngine.Render(request with { Kernel = kernel, Options = new KernelOptions { Device = device } });

        Assert.Equal(device, actual.Plan.Settings.Device);
        Assert.True(actual.Plan.IsExact);
        Assert.Equal(expected.Counts, actual.Counts);
    }

    /// <summary>
    /// GpuArrayOps launches two kernels per iteration, and each launch on ILGPU's CPU accelerator costs
    /// milliseconds: its large scenarios keep their viewport and iteration limit at a quarter of the pixels.
    /// </summary>
    private static RenderRequest ForDevice(string kernel, string device, RenderRequest scenario) =>
        kernel == "GpuArrayOps" && device == "cpu" && scenario.Grid == GridStyle.Linear && scenario.Width * scenario.Height > 1000
            ? scenario with { Width = Math.Max(1, scenario.Width / 4), Height = Math.Max(1, scenario.Height / 4) }
            : scenario;

    [Theory]
    [MemberData(nameof(BandedTargets))]
    public void ImageLargerThanOneBand_RunsInBands_AndStillMatches(string kernel, string device)
    {
        // 300 x 150 x 2000 = 90 M iterations at most: over the 40 M a CPU device's band may hold, so three bands.
        var request = new RenderRequest { Width = 300, Height = 150, MaxIterations = 2000 };
        Assert.Equal(3, (int)Math.Ceiling(150.0 / MandelPS.Gpu.Kernels.RowBands.RowsPerBand(300, 150, 2000, long.MaxValue, 40_000_000)));

        var actual = MandelbrotEngine.Render(request with { Kernel = kernel, Options = new KernelOptions { Device = device } });

        Assert.Equal(ReferenceCache.For(request).Counts, actual.Counts);
    }

    public static TheoryData<string, string> BandedTargets()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kernel, device) in GpuDevices.Targets().Where(t => t.Kernel != "GpuArrayOps"))
        {
            data.Add(kernel, device);
        }

        return data;
    }

    [Fact]
    public void GridStride_MatchesReference_ForEveryGroupSizeTheDeviceAllows()
    {
        var request = Scenarios.Get("SevenByThirteen");
        foreach (var group in new[] { 1, 3, 16 })
        {
            var actual = MandelbrotEngine.Render(request with { Kernel = "GpuGridStride", Options = new KernelOptions { Device = "cpu", GroupSize = group } });
            Assert.Equal(group, actual.Plan.Settings.GroupSize);
            Assert.Equal(ReferenceCache.For(request).Counts, actual.Counts);
        }
    }
}
