using System.Globalization;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine;

/// <summary>
/// The one way a request becomes output: plan it for a target (validated once, and the target checked
/// against the plan before any work), then run the plan into the target. The cmdlets and the CLI map
/// their parameters onto a <see cref="RequestSpec"/> and a <see cref="RenderTarget"/> and write what comes back.
/// </summary>
public static class MandelbrotEngine
{
    /// <summary>
    /// The one plan <paramref name="spec"/> asks for, fit for <paramref name="target"/> (memory, tiles);
    /// <paramref name="warn"/> hears of anything planning passed over (an option the kernel ignores).
    /// </summary>
    public static RenderPlan Plan(RequestSpec spec, RenderTarget target, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(target);
        var plan = spec.PlanOne(target.HoldsCounts, warn);
        target.Check(plan);
        if (target.DrawsPicture && StretchOf(plan) is { } stretch)
        {
            warn?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"@Viewport {plan.Request.Viewport} on {plan.Width}x{plan.Height} pixels makes each pixel {stretch:0.###} times as wide as it is tall: the picture is stretched; aim with @Center and @Zoom, which fit the image, or give a viewport of the image's shape"));
        }

        return plan;
    }

    /// <summary>A Linear grid's pixel width over its height in the plane, when it is not square (1% off or more); null otherwise.</summary>
    public static double? StretchOf(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var v = plan.Request.Viewport;
        if (plan.Request.Grid != GridStyle.Linear)
        {
            return null;
        }

        var stretch = (v.XMax - v.XMin) / plan.Width / ((v.YMax - v.YMin) / plan.FullHeight);
        return Math.Abs(stretch - 1) >= 0.01 ? stretch : null;
    }

    /// <summary>Runs a plan into a target; <paramref name="progress"/> hears "i of n" as bands or rows finish.</summary>
    public static RenderOutcome Run(RenderPlan plan, RenderTarget target, Action<MeasurementProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(target);
        return target.Run(plan, progress, cancellation);
    }

    /// <summary>The shortest path from a request to counts: plan it, then run it into memory.</summary>
    public static RenderResult Render(RenderRequest request, CancellationToken cancellation = default) =>
        PreparedRender.RunOnce(RenderPlan.Create(request), cancellation);
}
