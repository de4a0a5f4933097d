using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Planning;

/// <summary>The one mapping from CLI options and cmdlet parameters to engine requests.</summary>
public sealed class SweepSpecTests
{
    [Fact]
    public void Arrays_ExpandToTheirCrossProduct()
    {
        var plan = new SweepSpec
        {
            Kernels = ["Expanded", "Simd"], Widths = [100, 200], Heights = [50, 60, 70], MaxIterations = [10, 20],
        }.Expand();
        Assert.Equal(2 * 2 * 3 * 2, plan.Requests.Count);
        Assert.Equal(plan.Requests.Count, plan.Requests.Distinct().Count());
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void Threads_MultiplyOnlyParallelKernels()
    {
        var plan = new SweepSpec { Kernels = ["Expanded", "ParallelSimd"], Threads = [1, 2, 4] }.Expand();
        Assert.Single(plan.Requests, r => r.Kernel == "Expanded");
        Assert.Equal(new int?[] { 1, 2, 4 }, plan.Requests.Where(r => r.Kernel == "ParallelSimd").Select(r => r.Options.DegreeOfParallelism));
    }

    [Fact]
    public void All_SkipsPrecisionsAKernelLacks_WithAReason()
    {
        var plan = new SweepSpec { AllKernels = true, Precisions = [Precision.Single] }.Expand();
        Assert.DoesNotContain(plan.Requests, r => r.Kernel is "Naive" or "Hoisted");
        Assert.Contains(plan.Skipped, s => s.Kernel == "Naive" && s.Reason.Contains("Single"));
        Assert.Equal(KernelRegistry.All.Count(k => k.Supports(Precision.Single)), plan.Requests.Count);
    }

    [Fact]
    public void NamedKernel_WithoutThePrecision_IsAnError()
    {
        var error = Assert.Throws<RequestValidationException>(() => new SweepSpec { Kernels = ["Naive"], Precisions = [Precision.Single] }.Expand());
        Assert.Equal("Precision", error.ParamName);
    }

    [Fact]
    public void TutorialGrid_IgnoresWidthAndHeightLists()
    {
        var plan = new SweepSpec { Kernels = ["Simd"], Grid = GridStyle.Tutorial, TutorialSize = 100, Widths = [1, 2, 3] }.Expand();
        var request = Assert.Single(plan.Requests);
        Assert.Equal(GridStyle.Tutorial, request.Grid);
        Assert.Equal(100, request.TutorialSize);
    }

    [Fact]
    public void BadValues_AreRefusedDuringExpansion_NamingTheParameter()
    {
        Assert.Equal("Width", Assert.Throws<RequestValidationException>(() => new SweepSpec { Kernels = ["Simd"], Widths = [10, 0] }.Expand()).ParamName);
        Assert.Equal("Widths", Assert.Throws<RequestValidationException>(() => new SweepSpec { Kernels = ["Simd"], Widths = [] }.Expand()).ParamName);
        Assert.Equal("Kernel", Assert.Throws<RequestValidationException>(() => new SweepSpec().Expand()).ParamName);
        Assert.Throws<UnknownKernelException>(() => new SweepSpec { Kernels = ["Warp"] }.Expand());
    }

    [Fact]
    public void DuplicateKernelNames_AreMeasuredOnce()
    {
        var plan = new SweepSpec { Kernels = ["simd", "Simd", "SIMD"] }.Expand();
        Assert.Equal("Simd", Assert.Single(plan.Requests).Kernel);
    }
}
