using MandelPS.Engine.Errors;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Planning;

/// <summary>The one request builder both hosts use: sweeps, defaults, contradictions, per-kernel errors.</summary>
public sealed class RequestSpecTests
{
    [Fact]
    public void Lists_ExpandToTheirCrossProduct_KernelMajor_ThreadsOnlyForParallelKernels()
    {
        var sweep = new RequestSpec { Kernel = ["Simd", "Parallel"], Width = [10, 20], Height = [5], MaxIterations = [10], Threads = [1, 2] }.Plan();
        Assert.Equal(
            ["Simd 10 1", "Simd 20 1", "Parallel 10 1", "Parallel 20 1", "Parallel 10 2", "Parallel 20 2"],
            sweep.Plans.Select(p => $"{p.Kernel.Name} {p.Width} {p.Threads}"));
    }

    [Fact]
    public void Wildcards_SelectKernels_AndAPatternMatchingNothingIsSkippedWithAReason()
    {
        var sweep = new RequestSpec { Kernel = ["*Simd", "Quantum*"], Width = [4], Height = [4], MaxIterations = [5] }.Plan();
        Assert.Equal(["Simd", "ParallelSimd"], sweep.Plans.Select(p => p.Kernel.Name));
        Assert.Equal("Quantum*", Assert.Single(sweep.Skipped).Kernel);
    }

    [Fact]
    public void AnUnknownKernel_IsAnErrorOfItsOwn_AndTheOthersStillPlan()
    {
        var sweep = new RequestSpec { Kernel = ["Simd", "Bogus"], Width = [4], Height = [4], MaxIterations = [5] }.Plan();
        Assert.Equal("Simd", Assert.Single(sweep.Plans).Kernel.Name);
        var error = Assert.Single(sweep.Errors);
        Assert.Equal((ErrorKind.UnknownKernel, "Bogus"), (error.Kind, error.Target));
    }

    [Fact]
    public void UnderAll_AKernelLackingAPrecisionIsSkipped_WhileNamedItIsAnError()
    {
        var all = new RequestSpec { All = true, Precision = [Precision.Single], Width = [4], Height = [4], MaxIterations = [5] }.Plan();
        Assert.Contains(all.Skipped, s => s.Kernel == "Naive" && s.Reason.Contains("Single", StringComparison.Ordinal));
        Assert.Empty(all.Errors);

        var named = new RequestSpec { Kernel = ["Naive"], Precision = [Precision.Single], Width = [4], Height = [4], MaxIterations = [5] }.Plan();
        Assert.Equal(ErrorKind.KernelUnavailable, Assert.Single(named.Errors).Kind);
    }

    public static TheoryData<string, string> Contradictions() => new()
    {
        { "preset with viewport", "Viewport" },
        { "preset with width", "Width" },
        { "preset with iterations", "MaxIterations" },
        { "preset without size", "Size" },
        { "size without preset", "Size" },
        { "tutorial size with width", "Width" },
        { "tutorial size with another height", "Height" },
        { "tutorial size with viewport", "Viewport" },
        { "all with kernel", "All" },
        { "empty width list", "Width" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void ContradictoryOptions_AreErrors_NotSilentlyIgnored(string name, string parameter)
    {
        var spec = name switch
        {
            "preset with viewport" => new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 8, Viewport = Viewport.Tutorial },
            "preset with width" => new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 8, Width = [9] },
            "preset with iterations" => new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 8, MaxIterations = [10] },
            "preset without size" => new RequestSpec { Preset = RenderPreset.BenchmarksGame },
            "size without preset" => new RequestSpec { Size = 8 },
            "tutorial size with width" => new RequestSpec { TutorialSize = 100, Width = [8] },
            "tutorial size with another height" => new RequestSpec { TutorialSize = 100, Width = [50], Height = [49] },
            "tutorial size with viewport" => new RequestSpec { TutorialSize = 100, Viewport = Viewport.Tutorial },
            "all with kernel" => new RequestSpec { All = true, Kernel = ["Simd"] },
            "empty width list" => new RequestSpec { Width = [] },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var error = Assert.Throws<MandelPSException>(() => spec.Plan());
        Assert.Equal((ErrorKind.InvalidRequest, parameter), (error.Kind, error.Parameter));
    }

    [Fact]
    public void ThePreset_FixesItsProblem_AndPicksItsDefaultKernel()
    {
        var plan = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 16 }.PlanOne();
        Assert.Equal(("ParallelSimd", 16, 16, 50, GridStyle.BenchmarksGame), (plan.Kernel.Name, plan.Width, plan.Height, plan.MaxIterations, plan.Request.Grid));
        Assert.Equal(RenderRequest.DefaultKernel, new RequestSpec().PlanOne().Kernel.Name);
    }

    [Fact]
    public void PlanOne_RefusesASweep()
    {
        var error = Assert.Throws<MandelPSException>(() => new RequestSpec { Width = [4, 8], Height = [4] }.PlanOne());
        Assert.Contains("2 renders", error.Message);
    }
}
