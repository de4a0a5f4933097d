using MandelPS.Engine.Kernels;

namespace MandelPS.Gpu.Tests;

/// <summary>The devices this machine really has for each GPU kernel: ILGPU's CPU accelerator always; pocl where CI installed it.</summary>
public static class GpuDevices
{
    /// <summary>True where an OpenCL CPU device (pocl) is installed, as CI does; the OpenCL tests then must run.</summary>
    public static bool HasPocl => KernelProviders.Devices().Any(d => d.Id.StartsWith("pocl", StringComparison.Ordinal) && d.IsUsable);

    /// <summary>(kernel, device) pairs that run here: ILGPU kernels on "cpu", GpuSource on "pocl0" when present.</summary>
    public static IEnumerable<(string Kernel, string Device)> Targets()
    {
        yield return ("GpuArrayOps", "cpu");
        yield return ("GpuElementwise", "cpu");
        yield return ("GpuGridStride", "cpu");
        if (HasPocl)
        {
            yield return ("GpuSource", "pocl0");
        }
    }
}
