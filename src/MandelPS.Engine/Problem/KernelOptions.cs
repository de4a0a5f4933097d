namespace MandelPS.Engine.Problem;

/// <summary>
/// Tuning knobs a kernel may honour, as the user asked for them (null: the kernel's default). The plan
/// resolves them against the kernel and the machine; a kernel never reads them directly.
/// </summary>
public sealed record KernelOptions
{
    public const int MinBlockSize = 1;
    public const int MaxBlockSize = 16_777_216;
    public const int MinThreads = 1;
    public const int MaxThreads = 1024;
    public const int MinEscapeInterval = 1;
    public const int MaxEscapeInterval = 4096;

    public const int MinGroupSize = 1;
    public const int MaxGroupSize = 1024;

    public static KernelOptions Default { get; } = new();

    /// <summary>Pixels per block for cache-blocked kernels; null picks the kernel's measured default.</summary>
    public int? BlockSize { get; init; }

    /// <summary>Worker threads for parallel kernels; null means one per logical core.</summary>
    public int? Threads { get; init; }

    /// <summary>Iterations between escape tests for LazyEscape; null picks its default (8). 1 makes it exact.</summary>
    public int? EscapeInterval { get; init; }

    /// <summary>The device a GPU kernel runs on: an index or a name pattern from the device list; null picks the best GPU.</summary>
    public string? Device { get; init; }

    /// <summary>Work-items per group for grid-stride GPU kernels; null picks the kernel's default.</summary>
    public int? GroupSize { get; init; }

    /// <summary>SIMD width for vector kernels.</summary>
    public VectorWidth VectorWidth { get; init; } = VectorWidth.Auto;
}
