namespace MandelPS.Engine.Kernels;

/// <summary>A kernel that exists but cannot run here (no OpenCL device, unsupported precision...).</summary>
public sealed class KernelUnavailableException : InvalidOperationException
{
    public KernelUnavailableException(string kernelName, string reason)
        : base($"Kernel '{kernelName}' cannot run: {reason}.")
    {
        KernelName = kernelName;
        Reason = reason;
    }

    public string KernelName { get; }

    public string Reason { get; }
}
