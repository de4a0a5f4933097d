using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Gpu.Devices;

/// <summary>
/// The one way a device kernel resolves where it runs, while planning: the device the request's Device
/// option names (or the best GPU of its backend), refused with the reason when there is none or it
/// cannot hold the request, with exactness as the kernel judges it for that device and the group size
/// that device takes. After planning, a job finds its device by the id the plan resolved.
/// </summary>
internal static class DeviceTargets
{
    public static KernelTarget For(RenderRequest request, GpuBackend backend, Func<GpuDevice, bool> isExactOn, Func<GpuDevice, (int? GroupSize, string? Problem)>? groupSize = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (device, reason) = DeviceCatalog.Resolve(request.Options.Device, backend, request.Precision);
        if (device is null)
        {
            return new KernelTarget(request.Options.Device, request.Options.Device ?? "", false, KernelAvailability.Unavailable(reason!));
        }

        var (group, refused) = groupSize?.Invoke(device) ?? (null, null);
        if (refused is not null)
        {
            return new KernelTarget(device.Info.Id, device.Info.Name, false, KernelAvailability.Unavailable(refused));
        }

        return new KernelTarget(device.Info.Id, device.Info.Name, isExactOn(device), KernelAvailability.Available, group);
    }

    /// <summary>Without -Device, in single precision: where a GPU of the backend is, or why not (what Get-Kernel shows).</summary>
    public static KernelAvailability Default(Func<RenderRequest, KernelTarget> targetFor) =>
        targetFor(new RenderRequest { Precision = Precision.Single }).Availability;

    /// <summary>The device a planned job runs on: the one planning resolved, by its id.</summary>
    public static GpuDevice DeviceFor<T>(KernelJob<T> job, GpuBackend backend)
    {
        var (device, reason) = DeviceCatalog.Resolve(job.Plan.Settings.Device, backend, job.Plan.Precision);
        return device ?? throw new InvalidOperationException(reason);
    }
}
