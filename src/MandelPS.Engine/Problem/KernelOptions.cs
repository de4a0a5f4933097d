namespace MandelPS.Engine.Problem;

/// <summary>Tuning knobs a kernel may honour; a kernel ignores the ones that do not apply to it.</summary>
public sealed record KernelOptions
{
    public const int MinBlockSize = 1;
    public const int MaxBlockSize = 16_777_216;
    public const int MinDegreeOfParallelism = 1;
    public const int MaxDegreeOfParallelism = 1024;

    public static KernelOptions Default { get; } = new();

    /// <summary>Pixels per block for cache-blocked kernels; null picks the kernel's measured default.</summary>
    public int? BlockSize { get; init; }

    /// <summary>Worker threads for parallel kernels; null means one per logical core.</summary>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>SIMD width for vector kernels.</summary>
    public VectorWidth VectorWidth { get; init; } = VectorWidth.Auto;

    /// <summary>The thread count a parallel kernel will use.</summary>
    public int EffectiveDegreeOfParallelism => DegreeOfParallelism ?? Environment.ProcessorCount;

    public void Validate()
    {
        if (BlockSize is { } block && block is < MinBlockSize or > MaxBlockSize)
        {
            throw new RequestValidationException(nameof(BlockSize),
                $"{block} is outside the allowed range {MinBlockSize}..{MaxBlockSize}");
        }

        if (DegreeOfParallelism is { } dop && dop is < MinDegreeOfParallelism or > MaxDegreeOfParallelism)
        {
            throw new RequestValidationException(nameof(DegreeOfParallelism),
                $"{dop} is outside the allowed range {MinDegreeOfParallelism}..{MaxDegreeOfParallelism}");
        }

        if (!Enum.IsDefined(VectorWidth))
        {
            throw new RequestValidationException(nameof(VectorWidth),
                $"{(int)VectorWidth} is not one of {string.Join(", ", Enum.GetNames<VectorWidth>())}");
        }
    }
}
