using MandelPS.Engine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Gpu.Tests;

/// <summary>Discovery never throws, -Device picks by index or pattern, and a kernel that cannot run on a device says why.</summary>
public sealed class DeviceChoiceTests
{
    private static readonly RenderRequest Small = new() { Width = 16, Height = 8, MaxIterations = 50 };

    [Fact]
    public void Devices_ListTheIlgpuCpuAccelerator_AndSayWhyCudaIsAbsent()
    {
        var devices = KernelProviders.Devices();

        var cpu = Assert.Single(devices, d => d.Id == "cpu");
        Assert.True(cpu.IsUsable);
        Assert.Equal("ILGPU", cpu.Backend);
        Assert.True(cpu.SupportsDouble);
        Assert.Equal(Enumerable.Range(0, devices.Count), devices.Select(d => d.Index));
        Assert.All(devices.Where(d => !d.IsUsable), d => Assert.NotEmpty(d.Reason));
    }

    [Fact]
    public void Devices_ListPocl_WhereItIsInstalled()
    {
        if (!File.Exists("/etc/OpenCL/vendors/pocl.icd"))
        {
            return; // not installed here: CI installs it, so there this test checks the device for real
        }

        var pocl = Assert.Single(KernelProviders.Devices(), d => d.Id == "pocl0");
        Assert.Equal(("OpenCL", "Cpu", true), (pocl.Backend, pocl.Type, pocl.IsUsable));
        Assert.True(pocl.ComputeUnits > 0 && pocl.MaxAllocationMB > 0);
    }

    [Theory]
    [InlineData("GpuElementwise")]
    [InlineData("GpuSource")]
    public void WithoutAGpu_TheKernelIsUnavailable_AndSaysHowToRunItOnACpuDevice(string kernel)
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Small with { Kernel = kernel }));

        Assert.Equal(ErrorKind.KernelUnavailable, error.Kind);
        Assert.Contains("GPU found", error.Message, StringComparison.Ordinal);
        // Each host spells the option its way: -Device in PowerShell, --device in the CLI.
        Assert.Contains("to run it on a CPU device on purpose, choose it: -Device ", error.MessageFor(p => "-" + p), StringComparison.Ordinal);
        Assert.Contains("to run it on a CPU device on purpose, choose it: --device ", error.MessageFor(p => "--" + p.ToLowerInvariant()), StringComparison.Ordinal);
        Assert.False(KernelRegistry.Get(kernel).Availability.IsAvailable);
    }

    [Fact]
    public void Device_ByIndex_PicksThatDevice()
    {
        var cpu = KernelProviders.Devices().Single(d => d.Id == "cpu");

        var result = MandelbrotEngine.Render(Small with { Kernel = "GpuElementwise", Options = new KernelOptions { Device = cpu.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) } });

        Assert.Equal("cpu", result.Plan.Settings.Device);
    }

    [Fact]
    public void Device_ThatMatchesNothing_IsUnavailable_ListingTheDevices()
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Small with { Kernel = "GpuElementwise", Options = new KernelOptions { Device = "quantum*" } }));

        Assert.Equal((ErrorKind.KernelUnavailable, "Device"), (error.Kind, error.Parameter));
        Assert.Contains("no device matches 'quantum*'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_OfTheOtherBackend_SaysWhichDevicesTheKernelRunsOn()
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Small with { Kernel = "GpuSource", Options = new KernelOptions { Device = "cpu" } }));

        Assert.Contains("'cpu' is an ILGPU device; this kernel runs on OpenCL devices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupSize_BeyondTheDevicesLimit_IsRefusedWithTheLimit()
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Small with { Kernel = "GpuGridStride", Options = new KernelOptions { Device = "cpu", GroupSize = 512 } }));

        Assert.Equal(ErrorKind.KernelUnavailable, error.Kind);
        Assert.Contains("group size of 1..16", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void GroupSize_OutsideItsRange_IsAnInvalidRequest(int group)
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Small with { Kernel = "GpuGridStride", Options = new KernelOptions { Device = "cpu", GroupSize = group } }));

        Assert.Equal((ErrorKind.InvalidRequest, "GroupSize"), (error.Kind, error.Parameter));
    }
}
