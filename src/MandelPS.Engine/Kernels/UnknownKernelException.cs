namespace MandelPS.Engine.Kernels;

/// <summary>A kernel name that is not in the registry; the message lists every valid name.</summary>
public sealed class UnknownKernelException : ArgumentException
{
    public UnknownKernelException(string name, IEnumerable<string> validNames)
        : base($"Kernel: '{name}' is not a kernel; valid names: {string.Join(", ", validNames)}.", "Kernel")
    {
        KernelName = name;
    }

    public string KernelName { get; }

    public override string Message => base.Message.Split(" (Parameter", 2)[0];
}
