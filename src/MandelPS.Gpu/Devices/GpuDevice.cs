using MandelPS.Engine.Devices;
using MandelPS.Gpu.OpenCl;

namespace MandelPS.Gpu.Devices;

/// <summary>A listed device and the backend handle that opens it (an ILGPU device or an OpenCL device id).</summary>
internal sealed record GpuDevice(DeviceInfo Info, GpuBackend Backend, ILGPU.Runtime.Device? Ilgpu, OpenClDevice? OpenCl)
{
    public bool IsGpu => Info.Type == "Gpu";

    /// <summary>Work a band may hold before control returns to the host (for Ctrl+C): small on CPU devices, large on GPUs.</summary>
    public long IterationsPerBand => IsGpu ? 8_000_000_000 : 40_000_000;

    public long MaxAllocationBytes => Info.MaxAllocationMB * 1024 * 1024;
}
