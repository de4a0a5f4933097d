using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>The reference itself, against facts about the Mandelbrot set that need no kernel to know.</summary>
public sealed class ReferenceKernelTests
{
    [Fact]
    public void Expanded_InsideTheMainCardioid_NeverEscapes()
    {
        var result = MandelbrotEngine.Render(Scenarios.Inside);
        Assert.All(result.Counts, n => Assert.Equal(Scenarios.Inside.MaxIterations, n));
        Assert.Equal(0, result.ValidationSum);
        Assert.Equal((long)result.Counts.Length * Scenarios.Inside.MaxIterations, result.TotalIterations);
    }

    [Fact]
    public void Expanded_FarOutside_EscapesOnTheFirstIteration()
    {
        var result = MandelbrotEngine.Render(Scenarios.Outside);
        Assert.All(result.Counts, n => Assert.Equal(0, n));
        Assert.Equal(result.Counts.Length, result.TotalIterations);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(-2.0, 0.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(-0.75, 0.1)]
    [InlineData(0.28, 0.53)]
    public void EscapeCount_EqualsAnIndependentComplexIteration(double cx, double cy)
    {
        // Complex's z*z+c performs the same roundings as the expanded form; only the test is written here.
        Assert.Equal(HandIterate(cx, cy, 500), ExpandedKernel.EscapeCount(cx, cy, 500));
    }

    [Fact]
    public void EscapeCount_HandValues()
    {
        // c = 1: z1 = 1 (|z|^2 = 1), z2 = 2 (4, not > 4), z3 = 5 (25 > 4): escapes at n = 2.
        Assert.Equal(2, ExpandedKernel.EscapeCount(1.0, 0.0, 50));
        // c = 0.5: z1 = .5, z2 = .75, z3 = 1.0625, z4 = 1.62890625, z5 = 3.153... > 2: n = 4.
        Assert.Equal(4, ExpandedKernel.EscapeCount(0.5, 0.0, 50));
        // c = -2: z = -2, 2, 2, ... and |z|^2 = 4 is never > 4.
        Assert.Equal(50, ExpandedKernel.EscapeCount(-2.0, 0.0, 50));
        // c = i: period-2 orbit (-1+i, -i, -1+i ...): never escapes.
        Assert.Equal(50, ExpandedKernel.EscapeCount(0.0, 1.0, 50));
    }

    private static int HandIterate(double cx, double cy, int maxIterations)
    {
        var z = System.Numerics.Complex.Zero;
        var c = new System.Numerics.Complex(cx, cy);
        for (var n = 0; n < maxIterations; n++)
        {
            z = z * z + c;
            if (z.Real * z.Real + z.Imaginary * z.Imaginary > 4)
            {
                return n;
            }
        }

        return maxIterations;
    }

    [Fact]
    public void Result_ValidationSumAndTotalIterations_FollowTheirDefinitions()
    {
        var result = MandelbrotEngine.Render(Scenarios.Tutorial);
        long validation = 0, total = 0;
        foreach (var n in result.Counts)
        {
            validation += n < result.MaxIterations ? n : 0;
            total += n < result.MaxIterations ? n + 1 : result.MaxIterations;
        }

        Assert.Equal(validation, result.ValidationSum);
        Assert.Equal(total, result.TotalIterations);
        Assert.InRange(result.EscapedPixels, 1, result.Counts.Length - 1);
    }

    [Fact]
    public void Single_DiffersFromDouble_OnADeepZoom()
    {
        // A 1e-6 wide view is below float resolution near |c| ~ 0.75 (ulp ~ 6e-8): the precisions must disagree.
        var dbl = MandelbrotEngine.Render(Scenarios.DeepZoom);
        var sgl = MandelbrotEngine.Render(Scenarios.DeepZoom with { Precision = Precision.Single });
        Assert.NotEqual(dbl.Counts, sgl.Counts);
    }
}
