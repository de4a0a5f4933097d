using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Measurement;

/// <summary>Reference counts per reference kernel and problem, computed once each and shared by every side on it.</summary>
public sealed class ReferenceResults
{
    private readonly Dictionary<string, RenderResult> _byProblem = [];

    /// <summary>The reference for a plan's problem; a plan of the reference kernel is its own reference.</summary>
    public RenderResult For(RenderPlan plan, RenderResult? ownResult, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var key = plan.ReferenceKernel + "|" + plan.ProblemKey;
        if (_byProblem.TryGetValue(key, out var known))
        {
            return known;
        }

        var reference = plan.Kernel.Name == plan.ReferenceKernel && ownResult is not null
            ? ownResult
            : PreparedRender.RunOnce(plan.Reference(), cancellation);
        _byProblem[key] = reference;
        return reference;
    }
}
