using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Comparison;

public sealed class KernelComparerTests
{
    private static readonly RenderRequest Problem = new() { Width = 96, Height = 64, MaxIterations = 200 };

    [Fact]
    public void Compare_ReportsSpeedupVerdictAndLoss_ForEachCandidate()
    {
        var rows = new KernelComparer(MeasurementSettings.Fixed(6, 1))
            .Compare(Problem, [Problem with { Kernel = "Simd" }, Problem with { Kernel = "Naive" }]);
        var simd = rows.Single(r => r.Kernel == "Simd");
        Assert.Equal("Expanded", simd.Baseline);
        Assert.Equal(6, simd.Runs);
        Assert.Equal(6, SampleText.Parse(simd.BaselineSamplesMs).Length);
        Assert.InRange(simd.Speedup, simd.SpeedupCiLower, simd.SpeedupCiUpper);
        // No timing is asserted: the verdict must be the stated test applied to the row's own samples.
        var (verdict, _, _) = SignificanceTest.Compare(SampleText.Parse(simd.BaselineSamplesMs), SampleText.Parse(simd.SamplesMs), simd.Threshold, simd.Alpha);
        Assert.Equal(verdict.ToString(), simd.Verdict);
        Assert.Equal(new SampleStatistics(SampleText.Parse(simd.SamplesMs), removeOutliers: true).Median, simd.MedianMs, 9);
        Assert.True(simd.IsExact);
        Assert.Equal("Alternated", simd.Method);
        Assert.InRange(rows.Single(r => r.Kernel == "Naive").MaxCountError, 0, 1);
    }

    [Fact]
    public void SinglePrecisionCandidate_ShowsItsLoss_AgainstADoubleBaseline()
    {
        var deep = Problem with { Viewport = Viewport.Around(-0.743643887037151, 0.131825904205330, 1e-5, 1e-5) };
        var row = Assert.Single(new KernelComparer(MeasurementSettings.Fixed(2, 0)).Compare(deep, [deep with { Kernel = "Simd", Precision = Precision.Single }]));
        Assert.Equal("Single", row.Precision);
        Assert.Equal("Double", row.BaselinePrecision);
        Assert.True(row.DifferingPixels > 0);
        Assert.False(row.IsExact);
    }

    [Fact]
    public void ParallelCandidate_GetsAnEfficiency_FromItsOneThreadTwin()
    {
        var row = Assert.Single(new KernelComparer(MeasurementSettings.Fixed(3, 0))
            .Compare(Problem, [Problem with { Kernel = "Parallel", Options = new KernelOptions { DegreeOfParallelism = 2 } }]));
        Assert.Equal(2, row.Threads);
        Assert.True(row.ParallelEfficiency > 0);
    }

    [Fact]
    public void CompareWithBaseline_ComparesEachCandidateOnItsOwnProblem_InTheBaselinesPrecision()
    {
        var small = Problem with { Width = 24, Height = 16 };
        var rows = new KernelComparer(MeasurementSettings.Fixed(2, 0)).CompareWithBaseline(
            [small with { Kernel = "Simd", Precision = Precision.Single }, Problem with { Kernel = "Simd", Precision = Precision.Single }],
            "Expanded", Precision.Double);
        Assert.Equal([24, 96], rows.Select(r => r.Width));
        Assert.All(rows, r => Assert.Equal(("Expanded", "Double", "Single"), (r.Baseline, r.BaselinePrecision, r.Precision)));
    }

    [Theory]
    [InlineData(-0.1, 0.05, "Threshold")]
    [InlineData(0.05, 0.5, "Alpha")]
    public void BadTestSettings_AreRefused(double threshold, double alpha, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<RequestValidationException>(() => new KernelComparer(MeasurementSettings.Default, threshold, alpha)).ParamName);
}
