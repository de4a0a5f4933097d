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

    /// <summary>Whether the kernel runs here; empty when not checked (a GPU kernel listed without asking the GPU runtimes).</summary>
    public bool? IsAvailable { get; init; }

    /// <summary>True if the kernel runs on SIMD registers (it honours VectorWidth).</summary>
    public bool UsesSimd { get; init; }

    /// <summary>True if the kernel spreads rows over threads (honours Threads).</summary>
    public bool UsesThreads { get; init; }

    /// <summary>Why the kernel cannot run here; empty when it can.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The options the kernel honours, comma-separated (e.g. "Threads,VectorWidth"); any other is refused.</summary>
    public string Options { get; init; } = "";

    /// <summary>Each option's range, default and effect ("BlockSize 1..16777216, default 4096, changes speed; ...").</summary>
    public string OptionDetails { get; init; } = "";

    /// <summary>
    /// The kernel's row; <paramref name="spell"/> spells the parameters and commands its reason mentions as the host does.
    /// Without <paramref name="checkDevices"/> a GPU kernel's availability is left unchecked: asking the GPU runtimes for
    /// devices loads them (a quarter of a second), which a listing should not cost.
    /// </summary>
    public static KernelInfo From(Kernel kernel, Func<string, string>? spell = null, bool checkDevices = true)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        KernelAvailability? availability = checkDevices || !kernel.Honours(OptionName.Device) ? kernel.Availability : null;
        var reason = availability is { } known ? known.Reason : "not checked: @Devices asks the GPU runtimes";
        return new KernelInfo
        {
            Name = kernel.Name,
            Technique = kernel.Technique,
            Family = kernel.Family,
            Precisions = string.Join(",", kernel.Precisions),
            IsExact = kernel.IsExact,
            IsLossy = kernel.Twin is not null,
            Twin = kernel.Twin ?? "",
            IsAvailable = availability?.IsAvailable,
            UsesSimd = kernel.UsesSimd,
            UsesThreads = kernel.UsesThreads,
            Reason = reason is null ? "" : spell?.Invoke(reason) ?? reason,
            Options = string.Join(",", kernel.Options.Select(o => o.Name)),
            OptionDetails = string.Join("; ", kernel.Options.Select(o => $"{o.Name} {o.Range}, default {o.Default}, changes {(o.Effect == OptionEffect.Counts ? "counts" : "speed")}")),
        };
    }
}
