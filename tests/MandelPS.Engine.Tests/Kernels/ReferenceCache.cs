using System.Collections.Concurrent;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>Reference results (Expanded, or a family's own reference), computed once per problem across the whole test run.</summary>
public static class ReferenceCache
{
    private static readonly ConcurrentDictionary<RenderRequest, RenderResult> Results = new();

    public static RenderResult For(RenderRequest request, string reference = RenderRequest.DefaultKernel) =>
        Results.GetOrAdd(request with { Kernel = reference, Options = KernelOptions.Default }, r => MandelbrotEngine.Render(r));
}
