using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// One check per (kernel variant, viewport, precision) against the reference: exact kernels equal it
/// count for count; lossy ones (abs() with a square root) stay within their stated bound.
/// </summary>
public sealed class KernelConformanceTests
{
    public static TheoryData<string, string, Precision> Cases()
    {
        var data = new TheoryData<string, string, Precision>();
        foreach (var variant in KernelVariants.All())
        foreach (var scenario in Scenarios.Names())
        foreach (var precision in variant.Definition.Precisions)
        {
            data.Add(variant.ToString(), scenario, precision);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_MatchesReference(string variantName, string scenario, Precision precision)
    {
        var variant = KernelVariants.Parse(variantName);
        var request = Scenarios.Get(scenario) with { Precision = precision };
        var expected = ReferenceCache.For(request, variant.Definition.Reference);
        var actual = MandelbrotEngine.Render(request with { Kernel = variant.Kernel, Options = variant.Options });

        Assert.Equal(variant.Kernel, actual.Kernel);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        if (variant.Definition.IsExact)
        {
            Assert.Equal(expected.Counts, actual.Counts);
            Assert.Equal(expected.ValidationSum, actual.ValidationSum);
            return;
        }

        if (!variant.Definition.InLadder)
        {
            return; // fast and wrong, or a yardstick: it finished; its loss is measured in LossyKernelTests
        }

        // abs(z) > 2 and |z|^2 > 4 can only disagree when |z| lands within an ulp of 2 at the escape step.
        var differing = expected.Counts.Zip(actual.Counts).Count(p => p.First != p.Second);
        Assert.True(differing <= Math.Max(1, expected.Counts.Length / 100), $"{differing} pixels differ");
        Assert.All(expected.Counts.Zip(actual.Counts), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
    }

    public static TheoryData<string, int> SimdTails()
    {
        var data = new TheoryData<string, int>();
        foreach (var variant in KernelVariants.All().Where(v => v.Definition.UsesSimd && v.Definition.IsExact))
        foreach (var width in Enumerable.Range(1, 70).Concat([127, 128, 129, 191, 193]))
        {
            data.Add(variant.ToString(), width);
        }

        return data;
    }

    /// <summary>
    /// Widths 1..70 cover every leftover-lane count of the widest step (4 registers x 16 float lanes = 64
    /// pixels), and 127..193 the boundaries of the second and third steps.
    /// </summary>
    [Theory]
    [MemberData(nameof(SimdTails))]
    public void SimdKernel_MatchesReference_OnEveryTailWidth(string variantName, int width)
    {
        var variant = KernelVariants.Parse(variantName);
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            var request = new RenderRequest { Viewport = new Viewport(-1.9, 0.6, -0.05, 0.95), Width = width, Height = 3, MaxIterations = 120, Precision = precision };
            var actual = MandelbrotEngine.Render(request with { Kernel = variant.Kernel, Options = variant.Options });
            Assert.Equal(ReferenceCache.For(request).Counts, actual.Counts);
        }
    }

    public static TheoryData<VectorWidth> UnacceleratedWidths()
    {
        var data = new TheoryData<VectorWidth>();
        foreach (var width in KernelVariants.SimdWidths.Where(w => !AcceleratedWidths.IsAccelerated(w)))
        {
            data.Add(width);
        }

        // Keeps the theory non-empty on a machine that accelerates every width (the check then is vacuous).
        if (data.Count == 0)
        {
            data.Add(VectorWidth.Auto);
        }

        return data;
    }

    /// <summary>A width this machine does not accelerate is refused before any work, with the reason, never run slowly and reported as if it had been.</summary>
    [Theory]
    [MemberData(nameof(UnacceleratedWidths))]
    public void UnacceleratedWidth_IsRefusedUpFront_AsUnavailable(VectorWidth width)
    {
        var request = new RenderRequest { Kernel = "Simd", Width = 8, Height = 8, MaxIterations = 10, Options = new KernelOptions { VectorWidth = width } };
        if (width == VectorWidth.Auto)
        {
            Assert.Equal(AcceleratedWidths.Widest, RenderPlan.Create(request).VectorWidth);
            return;
        }

        var error = Assert.Throws<MandelPSException>(() => RenderPlan.Create(request));
        Assert.Equal((ErrorKind.KernelUnavailable, "VectorWidth"), (error.Kind, error.Parameter));
        Assert.Contains("not hardware-accelerated", error.Message);
    }

    [Fact]
    public void TheResult_SaysWhichPathRan()
    {
        var simd = MandelbrotEngine.Render(new RenderRequest { Kernel = "Simd", Width = 8, Height = 8, MaxIterations = 10 });
        Assert.Equal(AcceleratedWidths.Widest, simd.VectorWidth);
        var parallel = MandelbrotEngine.Render(new RenderRequest { Kernel = "Parallel", Width = 8, Height = 8, MaxIterations = 10, Options = new KernelOptions { Threads = 3 } });
        Assert.Equal((VectorWidth.None, 3), (parallel.VectorWidth, parallel.Threads));
        Assert.Equal((3, (VectorWidth?)null), (parallel.Plan.Settings.Threads, parallel.Plan.Settings.VectorWidth));
        var refused = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(new RenderRequest { Kernel = "Parallel", Options = new KernelOptions { VectorWidth = VectorWidth.Bits128 } }));
        Assert.Equal((ErrorKind.InvalidRequest, "VectorWidth"), (refused.Kind, refused.Parameter));
    }
}
