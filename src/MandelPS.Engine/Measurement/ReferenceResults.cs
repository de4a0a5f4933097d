using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Measurement;

/// <summary>The reference kernel's counts per problem, computed once each and shared by every side on it.</summary>
public sealed class ReferenceResults
{
    private readonly Dictionary<string, RenderResult> _byProblem = [];

    /// <summary>The reference for a plan's problem; a plan of the reference kernel is its own reference.</summary>
    public RenderResult For(RenderPlan plan, RenderResult? ownResult, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_byProblem.TryGetValue(plan.ProblemKey, out var known))
        {
            return known;
        }

        var reference = plan.Kernel.Name == Problem.RenderRequest.DefaultKernel && ownResult is not null
            ? ownResult
            : PreparedRender.RunOnce(plan.Reference(), cancellation);
        _byProblem[plan.ProblemKey] = reference;
        return reference;
    }
}
