using System.Collections.Concurrent;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>Reference (Expanded) results, computed once per problem across the whole test run.</summary>
public static class ReferenceCache
{
    private static readonly ConcurrentDictionary<RenderRequest, RenderResult> Results = new();

    public static RenderResult For(RenderRequest request) =>
        Results.GetOrAdd(request with { Kernel = RenderRequest.DefaultKernel, Options = KernelOptions.Default }, r => MandelbrotEngine.Render(r));
}
