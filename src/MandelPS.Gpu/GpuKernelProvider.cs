using MandelPS.Engine.Devices;
using MandelPS.Engine.Kernels;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.Kernels;

namespace MandelPS.Gpu;

/// <summary>The GPU kernels, found by the engine's registry; listing them touches no GPU runtime.</summary>
public sealed class GpuKernelProvider : IKernelProvider
{
    public IReadOnlyList<Kernel> Kernels { get; } =
    [
        new GpuArrayOpsKernel(),
        new GpuElementwiseKernel(),
        new GpuGridStrideKernel(),
        new GpuSourceKernel(),
        new FormulaGpuKernel(),
    ];

    public IReadOnlyList<DeviceInfo> Devices() => DeviceCatalog.All.Select(d => d.Info).ToList();
}
