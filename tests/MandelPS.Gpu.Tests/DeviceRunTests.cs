using MandelPS.Engine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.OpenCl;

namespace MandelPS.Gpu.Tests;

/// <summary>Phases, device code listings, build errors and Ctrl+C on the devices that exist here.</summary>
public sealed class DeviceRunTests
{
    public static TheoryData<string, string> Targets()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kernel, device) in GpuDevices.Targets())
        {
            data.Add(kernel, device);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryRun_ReportsUploadComputeAndDownload_AndTheMeasurementSaysSo(string kernel, string device)
    {
        var request = new RenderRequest { Kernel = kernel, Width = 12, Height = 9, MaxIterations = 40, Options = new KernelOptions { Device = device } };

        var result = MandelbrotEngine.Render(request);
        var row = Assert.Single(new KernelBenchmark(MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0)).Measure([RenderPlan.Create(request)]));

        Assert.Superset(new HashSet<KernelPhase> { KernelPhase.Upload, KernelPhase.Compute, KernelPhase.Download }, result.Phases.Keys.ToHashSet());
        Assert.Equal("Upload+Compute+Download", row.TimeIncludes);
        Assert.Contains("Compute=", row.Phases, StringComparison.Ordinal);
        Assert.Equal(MeasurementStatus.Ok, row.Status);
        Assert.Equal(0, row.DifferingPixels);
        Assert.StartsWith(device, row.Device, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_IsRecordedOnFirstUseOnly()
    {
        // Single precision at an odd group size: a kernel no other test in this process has loaded.
        var request = new RenderRequest { Kernel = "GpuGridStride", Width = 9, Height = 5, MaxIterations = 20, Precision = Precision.Single, Options = new KernelOptions { Device = "cpu", GroupSize = 5 } };
        var runs = Enumerable.Range(0, 2).Select(_ => MandelbrotEngine.Render(request)).ToList();

        Assert.Contains(runs, r => r.Phases.ContainsKey(KernelPhase.Compile));
        Assert.False(runs[1].Phases.ContainsKey(KernelPhase.Compile));
    }

    [Fact]
    public void LongRun_StopsWhenCancelled()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var request = new RenderRequest { Kernel = "GpuElementwise", Viewport = new Viewport(-0.3, 0.1, -0.2, 0.2), Width = 2000, Height = 2000, MaxIterations = 100_000, Options = new KernelOptions { Device = "cpu" } };

        Assert.ThrowsAny<OperationCanceledException>(() => MandelbrotEngine.Render(request, stop.Token));
    }

    [Theory]
    [InlineData("GpuElementwise", "Ptx", Precision.Double, "mul.f64")]
    [InlineData("GpuElementwise", "Ptx", Precision.Single, "mul.f32")]
    [InlineData("GpuGridStride", "OpenCL", Precision.Double, "kernel void")]
    [InlineData("GpuArrayOps", "Ptx", Precision.Single, ".entry")]
    [InlineData("GpuSource", "OpenCL", Precision.Double, "#pragma OPENCL FP_CONTRACT OFF")]
    public void DeviceCode_IsListedWithoutAGpu(string kernel, string stage, Precision precision, string expected)
    {
        var code = ((IListsDeviceCode)KernelRegistry.Get(kernel)).Code(stage, precision);

        Assert.Contains(expected, code, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenSource_FailsWithTheCompilersBuildLog()
    {
        var pocl = DeviceCatalog.All.FirstOrDefault(d => d.Info.Id == "pocl0");
        if (pocl is null)
        {
            return; // no OpenCL device here; CI installs pocl, where this runs for real
        }

        var error = Assert.Throws<MandelPSException>(() => OpenClSession.For(pocl.OpenCl!).Program("__kernel void escape(__global int* c) { c[0] = undefined_name; }", "", new PhaseLog()));

        Assert.Equal(ErrorKind.DeviceFailed, error.Kind);
        Assert.Contains("clBuildProgram failed with CL_BUILD_PROGRAM_FAILURE", error.Message, StringComparison.Ordinal);
        Assert.Contains("undefined_name", error.Message, StringComparison.Ordinal);
    }
}
