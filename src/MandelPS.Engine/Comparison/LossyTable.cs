using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// The speedup-versus-loss table's rows to measure: every fast-and-wrong variant against its exact twin,
/// and every ladder kernel in single precision against itself in double, on several viewports (the
/// full view, a boundary zoom, and a deep zoom where single precision collapses). Variants that cannot
/// run here are skipped with the reason.
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

    /// <summary>The pairs for a problem template (size and iterations) on the given viewports (all three when null).</summary>
    public static (IReadOnlyList<ComparisonPair> Pairs, IReadOnlyList<SkippedKernel> Skipped) Pairs(RenderRequest template, IReadOnlyList<Viewport>? viewports = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var pairs = new List<ComparisonPair>();
        var skipped = new List<SkippedKernel>();
        foreach (var viewport in viewports ?? Viewports.Select(v => v.Viewport).ToList())
        {
            var problem = template with { Viewport = viewport, Grid = GridStyle.Linear, Precision = Precision.Double, Options = KernelOptions.Default };
            foreach (var kernel in KernelRegistry.All.Where(k => k.Twin is not null))
            {
                Add(pairs, skipped, () =>
                {
                    var candidate = RenderPlan.Create(problem with { Kernel = kernel.Name });
                    return new ComparisonPair(candidate, candidate.With(kernel.Twin!, Precision.Double, KernelOptions.Default));
                }, kernel.Name);
            }

            foreach (var kernel in KernelRegistry.All.Where(k => k.InLadder && k.IsExact && k.Supports(Precision.Single)))
            {
                Add(pairs, skipped, () =>
                {
                    var candidate = RenderPlan.Create(problem with { Kernel = kernel.Name, Precision = Precision.Single });
                    return new ComparisonPair(candidate, candidate.With(kernel.Name, Precision.Double, KernelOptions.Default));
                }, kernel.Name);
            }
        }

        return (pairs, skipped.Distinct().ToList());
    }

    private static void Add(List<ComparisonPair> pairs, List<SkippedKernel> skipped, Func<ComparisonPair> make, string kernel)
    {
        try
        {
            pairs.Add(make());
        }
        catch (MandelPSException e) when (e.Kind == ErrorKind.KernelUnavailable)
        {
            skipped.Add(new SkippedKernel(kernel, e.Problem));
        }
    }
}
