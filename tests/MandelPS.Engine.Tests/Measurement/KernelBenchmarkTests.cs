using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Measurement;

public sealed class KernelBenchmarkTests
{
    private static readonly RenderRequest Small = new() { Width = 48, Height = 32, MaxIterations = 80 };

    [Fact]
    public void Measure_ReportsOneRowPerRequest_WithSpeedupOverTheSlowest()
    {
        var rows = new KernelBenchmark(new MeasurementSettings { Runs = 3, Warmup = 1 })
            .Measure([Small with { Kernel = "Naive" }, Small with { Kernel = "Simd" }]);
        Assert.Equal(["Naive", "Simd"], rows.Select(r => r.Kernel));
        Assert.All(rows, r => Assert.Equal(3, r.Runs));
        Assert.All(rows, r => Assert.InRange(r.MedianMs, r.MinMs, r.MaxMs));
        Assert.Equal(1.0, rows.Min(r => r.Speedup), 12);
        Assert.Equal(rows[0].ValidationSum - rows[0].ValidationSumDelta, rows[1].ValidationSum);
        Assert.Equal(0, rows[1].DifferingPixels);
    }

    [Fact]
    public void Statistics_Median_InterpolatesEvenSamples()
    {
        Assert.Equal(2.5, new Statistics([4, 1, 3, 2]).Median);
        Assert.Equal(3, new Statistics([5, 1, 3]).Median);
        Assert.Equal(1, new Statistics([5, 1, 3]).Min);
    }

    [Fact]
    public void Settings_OutOfRange_AreRefused()
    {
        Assert.Equal("Runs", Assert.Throws<RequestValidationException>(() => new KernelBenchmark(new MeasurementSettings { Runs = 0 })).ParamName);
        Assert.Equal("Warmup", Assert.Throws<RequestValidationException>(() => new KernelBenchmark(new MeasurementSettings { Warmup = -1 })).ParamName);
    }
}
