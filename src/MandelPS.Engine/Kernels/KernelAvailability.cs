namespace MandelPS.Engine.Kernels;

/// <summary>Whether a kernel can run on this machine and, if not, why.</summary>
public readonly record struct KernelAvailability(bool IsAvailable, string? Reason)
{
    public static KernelAvailability Available { get; } = new(true, null);

    public static KernelAvailability Unavailable(string reason) => new(false, reason);
}
