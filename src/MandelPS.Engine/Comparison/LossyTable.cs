using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// The speedup-versus-loss table's rows to measure: every fast-and-wrong variant against its exact twin,
/// and every ladder kernel in single precision against itself in double, on several viewports (the
/// full view, a boundary zoom, and a deep zoom where single precision collapses), each row naming its
/// viewport. The request's size, iterations and kernel options apply to every kernel that honours
/// them, planned through the one builder; variants that cannot run here are skipped with the reason.
/// </summary>
public static class LossyTable
{
    private const double SeahorseX = -0.743643887037151;
    private const double SeahorseY = 0.131825904205330;

    /// <summary>The table's viewports by name.</summary>
    public static IReadOnlyList<(string Name, Viewport Viewport)> Viewports { get; } =
    [
        ("Full", Viewport.Tutorial),
        ("BoundaryZoom", Viewport.Around(SeahorseX, SeahorseY, 1e-3, 1e-3)),
        ("DeepZoom", Viewport.Around(SeahorseX, SeahorseY, 2e-6, 2e-6)),
    ];

    /// <summary>The name a row of the table gives its viewport: one of <see cref="Viewports"/>, or Custom.</summary>
    public static string NameOf(Viewport viewport) => Viewports.FirstOrDefault(v => v.Viewport == viewport).Name ?? "Custom";

    /// <summary>
    /// The pairs for a request: its size, iterations and options (each given to the kernels that honour it),
    /// on its viewport or, without one, on all three. The table picks its own kernels, precisions and grid:
    /// a request naming them is refused.
    /// </summary>
    public static LossyPairs Pairs(RequestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Refuse("Kernel", spec.Kernel is not null || spec.All, "the table pairs every variant with its own twin");
        Refuse("Precision", spec.Precision is not null, "the table runs each kernel in Single against itself in Double");
        Refuse("Preset", spec.Preset != RenderPreset.None, "the table's problems are its viewports");
        Refuse("TutorialSize", spec.TutorialSize is not null, "the table's problems are its viewports");
        Refuse("Formula", spec.Formula is not null || spec.EscapeRadius is not null, "the table compares z^2 + c");
        var variants = KernelRegistry.All.Where(k => k.Twin is not null).ToList();
        var singles = KernelRegistry.All.Where(k => k.InLadder && k.IsExact && k.Supports(Precision.Single)).ToList();
        var warnings = new List<string>();
        RequestSpec.CheckHonoured(spec, [.. variants, .. singles], warnings);

        var pairs = new List<ComparisonPair>();
        var skipped = new List<SkippedKernel>();
        foreach (var viewport in spec.Viewport is { } one ? [one] : Viewports.Select(v => v.Viewport))
        {
            var name = NameOf(viewport);
            foreach (var kernel in variants)
            {
                Add(pairs, skipped, spec.For(kernel) with { Viewport = viewport, Precision = [Precision.Double] }, plan => plan.Twin(kernel.Twin!, Precision.Double), name);
            }

            foreach (var kernel in singles)
            {
                Add(pairs, skipped, spec.For(kernel) with { Viewport = viewport, Precision = [Precision.Single] }, plan => plan.Twin(kernel.Name, Precision.Double), name);
            }
        }

        return new LossyPairs(pairs, skipped.Distinct().ToList(), warnings);
    }

    private static void Add(List<ComparisonPair> pairs, List<SkippedKernel> skipped, RequestSpec spec, Func<RenderPlan, RenderPlan> baseline, string viewportName)
    {
        var sweep = spec.Plan();
        foreach (var error in sweep.Errors)
        {
            if (error.Kind != ErrorKind.KernelUnavailable)
            {
                throw error;
            }

            skipped.Add(new SkippedKernel(spec.Kernel![0], error.Problem));
        }

        foreach (var plan in sweep.Plans)
        {
            try
            {
                pairs.Add(new ComparisonPair(plan, baseline(plan), viewportName));
            }
            catch (MandelPSException e) when (e.Kind == ErrorKind.KernelUnavailable)
            {
                skipped.Add(new SkippedKernel(plan.Kernel.Name, e.Problem));
            }
        }
    }

    private static void Refuse(string parameter, bool given, string why)
    {
        if (given)
        {
            throw MandelPSException.Invalid(parameter, $"not allowed with the lossy table: {why}");
        }
    }
}

/// <summary>The lossy table's pairs to measure, the kernels skipped, and warnings about options some kernels ignore.</summary>
public sealed record LossyPairs(IReadOnlyList<ComparisonPair> Pairs, IReadOnlyList<SkippedKernel> Skipped, IReadOnlyList<string> Warnings);
