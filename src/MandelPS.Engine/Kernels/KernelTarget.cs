namespace MandelPS.Engine.Kernels;

/// <summary>
/// Where a kernel would run for given options and precision: the device's name, whether the counts
/// are bit-exact there (a GPU compiler may fuse a*b+c into one rounding), and whether it can run at all.
/// </summary>
public sealed record KernelTarget(string Device, bool IsExact, KernelAvailability Availability)
{
    /// <summary>This process's own CPU: where every CPU kernel runs.</summary>
    public const string HostDevice = "CPU";
}
