using MandelPS.Engine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using ILGPU;
using ILGPU.Runtime;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.Ilgpu;
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
        // A key no kernel uses, so this load is the first in the process whatever ran before.
        var session = IlgpuSession.For(DeviceCatalog.All.Single(d => d.Info.Id == "cpu").Ilgpu!);
        var key = "compile-once-" + Guid.NewGuid();
        var (first, second) = (new PhaseLog(), new PhaseLog());

        var loaded = session.Kernel(key, a => a.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, float, int>(Kernels.GpuElementwiseKernel.Escape), first);
        var cached = session.Kernel(key, a => a.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, float, int>(Kernels.GpuElementwiseKernel.Escape), second);

        Assert.Same(loaded, cached);
        Assert.True(first.Snapshot()[KernelPhase.Compile] > TimeSpan.Zero);
        Assert.Empty(second.Snapshot());
    }

    [Fact]
    public void OpenClPrograms_AreBuiltOnce_AndTheBuildIsTheCompilePhase()
    {
        var pocl = DeviceCatalog.All.FirstOrDefault(d => d.Info.Id == "pocl0");
        if (pocl is null)
        {
            return; // no OpenCL device here; CI installs pocl, where this runs for real
        }

        var source = $"// {Guid.NewGuid()}\n__kernel void escape(__global int* c) {{ c[0] = 1; }}";
        var (first, second) = (new PhaseLog(), new PhaseLog());
        var session = OpenClSession.For(pocl.OpenCl!);

        Assert.Equal(session.Program(source, "", first), session.Program(source, "", second));
        Assert.True(first.Snapshot().ContainsKey(KernelPhase.Compile));
        Assert.Empty(second.Snapshot());
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
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("undefined_name", (string)error.Target!, StringComparison.Ordinal);
        Assert.Contains("undefined_name", error.Message, StringComparison.Ordinal);
    }
}
