using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The SIMD kernels finish a pixel that never escapes at the largest iteration limit: two billion steps of one
/// orbit, alone (beside other tests a run took over two minutes on two cores; alone, 15-20 s).
/// </summary>
[Collection(RateMeasurements.Name)]
public sealed class IterationLimitTests
{
    public static TheoryData<string, Precision> SimdKernelsAndPrecisions() => new()
    {
        { "Simd", Precision.Double }, { "Simd", Precision.Single }, { "ParallelSimd", Precision.Double },
    };

    /// <summary>The raced-block bound once overflowed at int.MaxValue: in-set pixels never finished.</summary>
    [Theory]
    [MemberData(nameof(SimdKernelsAndPrecisions))]
    public void SimdKernels_Finish_AtTheLargestIterationLimit(string kernel, Precision precision)
    {
        var inside = new RenderRequest { Kernel = kernel, Viewport = new Viewport(-0.1, 0.1, -0.1, 0.1), Width = 1, Height = 1, MaxIterations = int.MaxValue, Precision = precision };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var result = MandelbrotEngine.Render(inside, timeout.Token);
        Assert.Equal(int.MaxValue, result.Counts[0]);
    }
}
