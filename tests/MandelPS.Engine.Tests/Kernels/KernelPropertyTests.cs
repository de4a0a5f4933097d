using FsCheck;
using FsCheck.Fluent;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>Random small viewports anywhere near the set: exact kernels always agree with the reference.</summary>
public sealed class KernelPropertyTests
{
    private static readonly Gen<RenderRequest> Requests =
        from cx in Gen.Choose(-2200, 800).Select(v => v / 1000.0)
        from cy in Gen.Choose(-1300, 1300).Select(v => v / 1000.0)
        from zoom in Gen.Choose(1, 12).Select(e => Math.Pow(10, -e / 2.0))
        from width in Gen.Choose(1, 40)
        from height in Gen.Choose(1, 6)
        from iterations in Gen.Choose(1, 400)
        from single in Gen.Elements(false, true)
        select new RenderRequest
        {
            Viewport = Viewport.Around(cx, cy, zoom, zoom),
            Width = width,
            Height = height,
            MaxIterations = iterations,
            Precision = single ? Precision.Single : Precision.Double,
        };

    [Fact]
    public void ExactKernels_AgreeWithReference_OnRandomViewports()
    {
        // MultiProcess runs Simd in child processes (two process starts a render): every scenario in
        // KernelConformanceTests checks it; 150 random renders of it would outlast the rest of the suite.
        var variants = KernelVariants.All().Where(v => v.Definition.IsExact && v.Definition.Reference == RenderRequest.DefaultKernel && v.Definition is not MultiProcessKernel).ToArray();
        var property = Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var expected = MandelbrotEngine.Render(request);
            return variants.All(v => MandelbrotEngine.Render(request with { Kernel = v.Kernel, Options = v.Options }).Counts.AsSpan().SequenceEqual(expected.Counts));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }
}
