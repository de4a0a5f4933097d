using MandelPS.Engine.Comparison;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Formats;

/// <summary>
/// Every default cell fits its column with the widest values a row takes in practice (the longest kernel name,
/// four-figure numbers with a leading "0.", a wide interval), so a view at 80 columns never cuts a number.
/// </summary>
public sealed class TableLayoutsTests
{
    public static TheoryData<double, double, double> Speedups() => new()
    {
        { 0.99184, 0.93391, 0.99987 },
        { 0.012345, 0.011111, 0.013579 },
        { 999.94, 100.06, 999.97 },
        { 1.0, 0.9726, 1.028 },
    };

    [Theory]
    [MemberData(nameof(Speedups))]
    public void EveryComparisonCell_FitsItsColumn(double speedup, double lower, double upper)
    {
        var row = new KernelComparison
        {
            Kernel = "BuddhabrotUnsynchronized", Precision = "Double", Width = 16000, Height = 16000, Baseline = "BuddhabrotPrivate", BaselinePrecision = "Double",
            Speedup = speedup, SpeedupCiLower = lower, SpeedupCiUpper = upper, Verdict = Verdict.Inconclusive, MedianMs = 12345.678, BaselineMedianMs = 0.012345,
        };
        AssertFits(row, typeof(KernelComparison));
    }

    [Theory]
    [MemberData(nameof(Speedups))]
    public void EveryMeasurementCell_FitsItsColumn(double speedup, double lower, double upper)
    {
        var row = new KernelMeasurement
        {
            Kernel = "BuddhabrotUnsynchronized", Precision = "Single", Width = 16000, Height = 16000, Runs = 5, MedianMs = 0.28243, CiRelativeWidth = 0.98,
            GIterPerSec = 0.36801, Speedup = speedup, SpeedupCiLower = lower, SpeedupCiUpper = upper, Status = MeasurementStatus.Failed,
        };
        AssertFits(row, typeof(KernelMeasurement));
    }

    [Fact]
    public void EveryRenderSummaryCell_FitsItsColumn()
    {
        // The Benchmarks Game's largest image at its limit: every pixel in the set for 50 iterations.
        var row = new RenderSummary { Kernel = "BuddhabrotUnsynchronized", Precision = "Double", Width = 16000, Height = 16000, ValidationSum = 12_800_000_000, ElapsedMs = 123456.789 };
        AssertFits(row, typeof(RenderSummary));
    }

    private static void AssertFits(object row, Type type)
    {
        foreach (var column in TableLayouts.For(type)!)
        {
            var cell = TableLayouts.Cell(row, "Default", column.Header);
            Assert.True(cell.Length <= column.Width, $"{type.Name} {column.Header}: \"{cell}\" is {cell.Length} wide, the column {column.Width}");
        }

        Assert.True(TableLayouts.For(type)!.Sum(c => c.Width + 1) - 1 <= 80, $"{type.Name}'s default view is wider than 80 columns");
    }
}
