namespace MandelPS.Engine.Kernels;

/// <summary>A kernel as a flat record: what Get-Kernel and `mandelps kernels` show.</summary>
public sealed class KernelInfo
{
    public string Name { get; init; } = "";

    public string Technique { get; init; } = "";

    public KernelFamily Family { get; init; }

    /// <summary>Supported precisions, comma-separated (e.g. "Double,Single").</summary>
    public string Precisions { get; init; } = "";

    public bool IsExact { get; init; }

    /// <summary>True for a deliberately fast-and-wrong variant: it runs only when named or asked for (IncludeLossy).</summary>
    public bool IsLossy { get; init; }

    /// <summary>The exact kernel a lossy variant is measured against; empty for the others.</summary>
    public string Twin { get; init; } = "";

    public bool IsAvailable { get; init; }

    /// <summary>True if the kernel runs on SIMD registers (honours VectorWidth).</summary>
    public bool UsesSimd { get; init; }

    /// <summary>True if the kernel spreads rows over threads (honours Threads).</summary>
    public bool UsesThreads { get; init; }

    /// <summary>Why the kernel cannot run here; empty when it can.</summary>
    public string Reason { get; init; } = "";

    public static KernelInfo From(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new KernelInfo
        {
            Name = kernel.Name,
            Technique = kernel.Technique,
            Family = kernel.Family,
            Precisions = string.Join(",", kernel.Precisions),
            IsExact = kernel.IsExact,
            IsLossy = kernel.Twin is not null,
            Twin = kernel.Twin ?? "",
            IsAvailable = kernel.Availability.IsAvailable,
            UsesSimd = kernel.UsesSimd,
            UsesThreads = kernel.UsesThreads,
            Reason = kernel.Availability.Reason ?? "",
        };
    }
}
