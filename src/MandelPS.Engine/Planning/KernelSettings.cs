using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>
/// The options a plan's kernel runs with, resolved once from what was asked, the kernel's declared
/// defaults and this machine: the thread count that runs, the accelerated width, the device's id. Null
/// where the kernel does not honour the option, so no row ever shows a value that changed nothing.
/// </summary>
public sealed record KernelSettings
{
    public static KernelSettings None { get; } = new();

    public int? Threads { get; init; }

    public VectorWidth? VectorWidth { get; init; }

    public int? BlockSize { get; init; }

    public int? EscapeInterval { get; init; }

    /// <summary>The device's short id from the device list (pocl0, cuda0, cpu): what -Device accepts back.</summary>
    public string? Device { get; init; }

    public int? GroupSize { get; init; }

    /// <summary>The same settings as options to ask for: a plan made from them resolves to these settings again.</summary>
    public KernelOptions ToOptions() => new()
    {
        Threads = Threads,
        VectorWidth = VectorWidth ?? Problem.VectorWidth.Auto,
        BlockSize = BlockSize,
        EscapeInterval = EscapeInterval,
        Device = Device,
        GroupSize = GroupSize,
    };
}
