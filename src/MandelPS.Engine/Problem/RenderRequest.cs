namespace MandelPS.Engine.Problem;

/// <summary>
/// One escape-time problem: which part of the plane, how many pixels, how many iterations, in which
/// precision, solved by which kernel. Immutable; <see cref="Validate"/> states every allowed range.
/// </summary>
public sealed record RenderRequest
{
    public const string DefaultKernel = "Expanded";

    public Viewport Viewport { get; init; } = Viewport.Tutorial;

    /// <summary>Pixels per row for the Linear grid (the Tutorial grid derives its own).</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Rows for the Linear grid (the Tutorial grid derives its own).</summary>
    public int Height { get; init; } = 1000;

    public int MaxIterations { get; init; } = 1000;

    public Precision Precision { get; init; } = Precision.Double;

    public GridStyle Grid { get; init; } = GridStyle.Linear;

    /// <summary>The tutorial's size argument w (w=1000 gives 500x500 pixels); used with the Tutorial grid.</summary>
    public int TutorialSize { get; init; } = 1000;

    public string Kernel { get; init; } = DefaultKernel;

    public KernelOptions Options { get; init; } = KernelOptions.Default;

    /// <summary>Throws <see cref="RequestValidationException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        if (Grid is GridStyle.Linear or GridStyle.BenchmarksGame)
        {
            RequireInRange(nameof(Width), Width, Limits.MinSize, Limits.MaxSize);
            RequireInRange(nameof(Height), Height, Limits.MinSize, Limits.MaxSize);
        }
        else if (Grid == GridStyle.Tutorial)
        {
            RequireInRange(nameof(TutorialSize), TutorialSize, Limits.MinTutorialSize, Limits.MaxTutorialSize);
        }
        else
        {
            throw new RequestValidationException(nameof(Grid), $"{(int)Grid} is not one of {string.Join(", ", Enum.GetNames<GridStyle>())}");
        }

        RequireInRange(nameof(MaxIterations), MaxIterations, Limits.MinIterations, Limits.MaxIterations);

        if (!Enum.IsDefined(Precision))
        {
            throw new RequestValidationException(nameof(Precision), $"{(int)Precision} is not one of {string.Join(", ", Enum.GetNames<Precision>())}");
        }

        RequireFinite("XMin", Viewport.XMin);
        RequireFinite("XMax", Viewport.XMax);
        RequireFinite("YMin", Viewport.YMin);
        RequireFinite("YMax", Viewport.YMax);
        if (!(Viewport.XMin < Viewport.XMax))
        {
            throw new RequestValidationException("Viewport", $"XMin ({Viewport.XMin:R}) must be less than XMax ({Viewport.XMax:R})");
        }

        if (!(Viewport.YMin < Viewport.YMax))
        {
            throw new RequestValidationException("Viewport", $"YMin ({Viewport.YMin:R}) must be less than YMax ({Viewport.YMax:R})");
        }

        if (string.IsNullOrWhiteSpace(Kernel))
        {
            throw new RequestValidationException(nameof(Kernel), "a kernel name is required");
        }

        ArgumentNullException.ThrowIfNull(Options);
        Options.Validate();
    }

    private static void RequireInRange(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new RequestValidationException(name, $"{value} is outside the allowed range {min}..{max}");
        }
    }

    private static void RequireFinite(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new RequestValidationException(name, $"{value} is not a finite number; allowed: any finite double");
        }
    }
}
