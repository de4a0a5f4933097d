using System.Collections.Concurrent;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>Reference (Expanded) results, computed once per request across the whole test run.</summary>
public static class ReferenceCache
{
    private static readonly ConcurrentDictionary<RenderRequest, RenderResult> Results = new();

    public static RenderResult For(RenderRequest request) =>
        Results.GetOrAdd(request with { Kernel = "Expanded", Options = KernelOptions.Default }, r => MandelbrotEngine.Render(r));

    public static RenderResult Solve(KernelVariants.Variant variant, RenderRequest request) =>
        MandelbrotEngine.Render(request with { Kernel = variant.Kernel, Options = variant.Options });
}
