using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>Every exact kernel (and each of its code paths) equals the reference count for count.</summary>
public sealed class ExactKernelTests
{
    public static TheoryData<string, string> VariantsTimesScenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var variant in KernelVariants.ExactNames())
        {
            foreach (var scenario in Scenarios.Names())
            {
                data.Add(variant, scenario);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VariantsTimesScenarios))]
    public void ExactKernel_MatchesReference_BitForBit(string variant, string scenario)
    {
        var request = Scenarios.Get(scenario);
        var expected = ReferenceCache.For(request);
        var actual = ReferenceCache.Solve(KernelVariants.Parse(variant), request);

        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.ValidationSum, actual.ValidationSum);
        Assert.Equal(expected.TotalIterations, actual.TotalIterations);
    }

    public static TheoryData<string, int> VariantsTimesTailWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var variant in KernelVariants.ExactNames())
        {
            foreach (var width in Enumerable.Range(1, 70).Concat([127, 128, 129, 191, 193]))
            {
                data.Add(variant, width);
            }
        }

        return data;
    }

    /// <summary>
    /// Widths 1..70 cover every leftover-lane count of the widest step (4 registers x 16 float lanes = 64
    /// pixels), and 127..193 the boundaries of the second and third steps.
    /// </summary>
    [Theory]
    [MemberData(nameof(VariantsTimesTailWidths))]
    public void ExactKernel_MatchesReference_OnEveryTailWidth(string variant, int width)
    {
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            var request = new RenderRequest
            {
                Viewport = new Viewport(-1.9, 0.6, -0.05, 0.95), Width = width, Height = 3, MaxIterations = 120, Precision = precision,
            };
            var expected = ReferenceCache.For(request);
            var actual = ReferenceCache.Solve(KernelVariants.Parse(variant), request);
            Assert.Equal(expected.Counts, actual.Counts);
        }
    }
}
