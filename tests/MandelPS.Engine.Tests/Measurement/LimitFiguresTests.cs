using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Measurement;

/// <summary>
/// A limit figure taken while a neighbour held a core is probed again when a kernel reaches it, and only rises:
/// the figures here come from a scripted probe, so each case says exactly which probes ran.
/// </summary>
public sealed class LimitFiguresTests
{
    private static readonly KernelLimit[] First =
    [
        new("Double", 1, "Bits512", 8.0),
        new("Double", 2, "Bits512", 8.2), // taken while the second core was busy elsewhere
        new("Single", 1, "Bits512", 16.0),
        new("Single", 2, "Bits512", 32.0),
    ];

    [Fact]
    public void AFigureAboveTheRate_IsReturnedWithoutProbing()
    {
        var probes = new List<(Precision, int)>();
        var figures = new LimitFigures(First, (p, c) => { probes.Add((p, c)); return 99; });
        Assert.Equal(8.0, figures.For(Precision.Double, 1, rateSeen: 7.5));
        Assert.Equal(32.0, figures.For(Precision.Single, 2));
        Assert.Empty(probes);
    }

    [Fact]
    public void AFigureAKernelReached_IsProbedAgain_AndRises()
    {
        var probes = new List<(Precision, int)>();
        var figures = new LimitFigures(First, (p, c) => { probes.Add((p, c)); return 16.3; });
        Assert.Equal(16.3, figures.For(Precision.Double, 2, rateSeen: 14.7));
        Assert.Equal([(Precision.Double, 2)], probes);

        // The raised figure is what every later row and Get-KernelLimit see; the others are untouched.
        Assert.Equal(16.3, figures.For(Precision.Double, 2, rateSeen: 14.7));
        Assert.Single(probes);
        Assert.Equal([8.0, 16.3, 16.0, 32.0], figures.All.Select(l => l.GIterPerSec));
    }

    [Fact]
    public void ASlowerSecondProbe_NeverLowersAFigure_AndProbingStopsAfterItsTries()
    {
        var answers = new Queue<double>([7.9, 8.1, 50]);
        var figures = new LimitFigures(First, (_, _) => answers.Dequeue());
        // Both tries come back lower than the first figure, which stays; the row above it then shows the probe is wrong.
        Assert.Equal(8.2, figures.For(Precision.Double, 2, rateSeen: 9.0));
        Assert.Equal(8.2, figures.For(Precision.Double, 2, rateSeen: 9.0));
        Assert.Single(answers);
        Assert.Equal(LimitFigures.Reprobes, 3 - answers.Count);
    }

    [Fact]
    public void AFigureThisMachineLacks_IsAnError()
    {
        var figures = new LimitFigures(First, (_, _) => 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => figures.For(Precision.Double, 64));
    }
}
