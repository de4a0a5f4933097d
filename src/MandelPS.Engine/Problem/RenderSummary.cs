namespace MandelPS.Engine.Problem;

/// <summary>What a render returns to a shell: flat scalars only; the counts stay on <see cref="RenderResult"/>.</summary>
public sealed class RenderSummary
{
    public string Kernel { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public string Precision { get; init; } = "";

    public long ValidationSum { get; init; }

    public long TotalIterations { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The image written, or empty when none was.</summary>
    public string Path { get; init; } = "";

    public static RenderSummary From(RenderResult result, string? path)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RenderSummary
        {
            Kernel = result.Kernel,
            Width = result.Width,
            Height = result.Height,
            MaxIterations = result.MaxIterations,
            Precision = result.Precision.ToString(),
            ValidationSum = result.ValidationSum,
            TotalIterations = result.TotalIterations,
            Elapsed = result.Elapsed,
            Path = path ?? "",
        };
    }
}
