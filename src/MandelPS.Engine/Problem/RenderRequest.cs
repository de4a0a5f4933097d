namespace MandelPS.Engine.Problem;

/// <summary>
/// One escape-time problem as asked: which part of the plane, how many pixels, how many iterations, in
/// which precision, solved by which kernel with which options. Plain data: <see cref="Planning.RenderPlan"/>
/// validates it once and resolves everything a run needs.
/// </summary>
public sealed record RenderRequest
{
    public const string DefaultKernel = "Expanded";

    public Viewport Viewport { get; init; } = Viewport.Tutorial;

    /// <summary>Pixels per row (the Tutorial grid derives its own from <see cref="TutorialSize"/>).</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Rows (the Tutorial grid derives its own).</summary>
    public int Height { get; init; } = 1000;

    public int MaxIterations { get; init; } = 1000;

    public Precision Precision { get; init; } = Precision.Double;

    public GridStyle Grid { get; init; } = GridStyle.Linear;

    /// <summary>The tutorial's size argument w (w=1000 gives 500x500 pixels); used with the Tutorial grid.</summary>
    public int TutorialSize { get; init; } = 1000;

    public string Kernel { get; init; } = DefaultKernel;

    public KernelOptions Options { get; init; } = KernelOptions.Default;

    /// <summary>The iteration z -> f(z, c) for the Formula kernels; every other kernel solves the default, z^2 + c.</summary>
    public string Formula { get; init; } = Formulas.Formula.DefaultText;

    /// <summary>|z| beyond which an orbit has escaped (the Formula kernels; 2 for the Mandelbrot set).</summary>
    public double EscapeRadius { get; init; } = Formulas.Formula.DefaultEscapeRadius;
}
