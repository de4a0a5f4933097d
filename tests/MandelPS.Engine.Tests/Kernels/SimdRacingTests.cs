using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The SIMD driver races blocks of 8 iterations without bookkeeping once past iteration 64 (for limits
/// of 72 and more) and redoes a block step by step when a lane escaped in it. These cases put escapes
/// on and around every block boundary, and limits on both sides of the racing threshold and of a
/// whole number of blocks, in both precisions.
/// </summary>
public sealed class SimdRacingTests
{
    // Near the main cardioid's edge escape counts spread over 40..200+: every block boundary is hit.
    private static readonly Viewport NearTheEdge = Viewport.Around(-0.7487, 0.0745, 0.004, 0.003);

    public static TheoryData<int, Precision> Limits()
    {
        var data = new TheoryData<int, Precision>();
        foreach (var limit in new[] { 63, 64, 71, 72, 73, 79, 80, 81, 100, 127, 128, 129, 200 })
        {
            data.Add(limit, Precision.Double);
            data.Add(limit, Precision.Single);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Simd_MatchesReference_WithEscapesAtEveryBlockBoundary(int maxIterations, Precision precision)
    {
        var request = new RenderRequest { Viewport = NearTheEdge, Width = 131, Height = 23, MaxIterations = maxIterations, Precision = precision };
        var expected = MandelbrotEngine.Render(request);

        // The test only means something if escapes really fall around the boundaries it targets.
        var counts = expected.Counts.Where(n => n < maxIterations).ToHashSet();
        foreach (var boundary in new[] { 64, 72, 80, 88, 96, 104, 120, 128 }.Where(b => b + 1 < maxIterations))
        {
            Assert.Contains(counts, n => Math.Abs(n - boundary) <= 1);
        }

        foreach (var width in new[] { VectorWidth.Bits128, VectorWidth.Bits256, VectorWidth.Bits512 }.Where(w => Engine.Kernels.Simd.AcceleratedWidths.All.Contains(w)))
        {
            var actual = MandelbrotEngine.Render(request with { Kernel = "Simd", Options = new KernelOptions { VectorWidth = width } });
            Assert.Equal(expected.Counts, actual.Counts);
        }
    }

    [Fact]
    public void Simd_MatchesReference_WhenOrbitsOverflowToInfinityAndNaNInsideARace()
    {
        // Single precision overflows within a race: |z| ~ 3 at an escape reaches 3^(2^7) > 3.4e38 in 7
        // steps, then inf - inf = NaN. The race's running maximum must still see the escape.
        var request = new RenderRequest { Viewport = NearTheEdge, Width = 67, Height = 9, MaxIterations = 400, Precision = Precision.Single };
        Assert.Equal(MandelbrotEngine.Render(request).Counts, MandelbrotEngine.Render(request with { Kernel = "Simd" }).Counts);

        var huge = new RenderRequest { Viewport = new Viewport(1e300, 2e300, -1e300, 1e300), Width = 19, Height = 3, MaxIterations = 100 };
        Assert.Equal(MandelbrotEngine.Render(huge).Counts, MandelbrotEngine.Render(huge with { Kernel = "Simd" }).Counts);
    }
}
