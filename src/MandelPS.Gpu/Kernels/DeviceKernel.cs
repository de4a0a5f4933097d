using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Devices;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// What every GPU kernel of the ladder shares: the Gpu family, both precisions (double only on fp64
/// devices), the device chosen by -Device from its backend's devices, and exactness decided per device.
/// </summary>
public abstract class DeviceKernel : Kernel
{
    public override KernelFamily Family => KernelFamily.Gpu;

    public override bool IsExact => true;

    /// <summary>Without -Device: available where a GPU of this backend is, else why not.</summary>
    public override KernelAvailability Availability => DeviceTargets.Default(TargetFor);

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Device];

    internal abstract GpuBackend Backend { get; }

    public override KernelTarget TargetFor(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DeviceTargets.For(request, Backend, device => IsExactOn(device, request.Precision), device => GroupSizeFor(device, request.Options.GroupSize));
    }

    /// <summary>True where this device computes every operation in this precision rounded as the reference does.</summary>
    internal abstract bool IsExactOn(GpuDevice device, Precision precision);

    /// <summary>
    /// The group size that runs on this device for the one asked (null: the kernel's default), or why the
    /// asked one cannot run there; (null, null) for kernels not launched in groups.
    /// </summary>
    internal virtual (int? GroupSize, string? Problem) GroupSizeFor(GpuDevice device, int? asked) => (null, null);
}
