using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine;

/// <summary>The shortest path from a request to counts: plan it (validated once), then run it.</summary>
public static class MandelbrotEngine
{
    public static RenderResult Render(RenderRequest request, CancellationToken cancellation = default) =>
        PreparedRender.RunOnce(RenderPlan.Create(request), cancellation);
}
