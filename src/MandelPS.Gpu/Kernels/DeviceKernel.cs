using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Devices;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// What every GPU kernel shares: the Gpu family, both precisions (double only on fp64 devices), the
/// device chosen by -Device from its backend's devices, and exactness decided per device.
/// </summary>
public abstract class DeviceKernel : Kernel
{
    public override KernelFamily Family => KernelFamily.Gpu;

    public override bool IsExact => true;

    /// <summary>Without -Device: available where a GPU of this backend is, else why not.</summary>
    public override KernelAvailability Availability => TargetFor(KernelOptions.Default, Precision.Single).Availability;

    internal abstract GpuBackend Backend { get; }

    public override KernelTarget TargetFor(KernelOptions options, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (device, reason) = DeviceCatalog.Resolve(options.Device, Backend, precision);
        if (device is null)
        {
            return new KernelTarget(options.Device ?? "", false, KernelAvailability.Unavailable(reason!));
        }

        if (GroupSizeProblem(device, options) is { } problem)
        {
            return new KernelTarget(device.Info.Name, false, KernelAvailability.Unavailable(problem));
        }

        return new KernelTarget($"{device.Info.Id}: {device.Info.Name}", IsExactOn(device), KernelAvailability.Available);
    }

    /// <summary>True where this device computes every operation in its own rounding, as the reference does.</summary>
    internal abstract bool IsExactOn(GpuDevice device);

    /// <summary>Why the group size asked for cannot run on this device; null when it can.</summary>
    internal virtual string? GroupSizeProblem(GpuDevice device, KernelOptions options) => null;

    /// <summary>The device the plan resolved (planning checked it exists).</summary>
    internal static GpuDevice DeviceFor<T>(KernelJob<T> job, GpuBackend backend)
    {
        var (device, reason) = DeviceCatalog.Resolve(job.Plan.Request.Options.Device, backend, job.Plan.Precision);
        return device ?? throw new InvalidOperationException(reason);
    }
}
