namespace MandelPS.Engine.Kernels;

/// <summary>
/// Where a kernel would run for given options and precision, as planning resolves it: the device's id
/// (null on the host CPU) and name, whether the counts are bit-exact there (a GPU compiler may fuse
/// a*b+c into one rounding), the group size the device takes (null where none applies), and whether
/// it can run at all.
/// </summary>
public sealed record KernelTarget(string? DeviceId, string DeviceName, bool IsExact, KernelAvailability Availability, int? GroupSize = null)
{
    /// <summary>This process's own CPU: where every CPU kernel runs.</summary>
    public const string HostDevice = "CPU";
}
