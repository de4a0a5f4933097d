using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Problem;

/// <summary>
/// The Tutorial grid against values taken from the tutorial's own loops (pure_python_2.py run under
/// CPython for these sizes; the repr()s are quoted below) — not from our implementation.
/// </summary>
public sealed class TutorialGridTests
{
    [Fact]
    public void TutorialGrid_Size100_IsThePythonGrid()
    {
        // Python, w = 100: x_step = 0.057999999999999996, y_step = -0.052000000000000005,
        // len(x) = 50, len(y) = 50, x[0] = -2.13, x[-1] = 0.7120000000000011, y[0] = 1.3, y[-1] = -1.248000000000001.
        var grid = PixelGrid.Tutorial(100);
        Assert.Equal(50, grid.Width);
        Assert.Equal(50, grid.Height);
        Assert.Equal(-2.13, grid.X[0]);
        Assert.Equal(0.7120000000000011, grid.X[^1]);
        Assert.Equal(1.3, grid.Y[0]);
        Assert.Equal(-1.248000000000001, grid.Y[^1]);
    }

    [Fact]
    public void TutorialGrid_Size1000_IsThe500x500GridOfTheTutorialText()
    {
        // The tutorial's own comment: xx = [-2.13, ..., 0.7642000000000064], yy = [1.3, ..., -1.294800000000006].
        var grid = PixelGrid.Tutorial(1000);
        Assert.Equal(500, grid.Width);
        Assert.Equal(500, grid.Height);
        Assert.Equal(-2.1242, grid.X[1]);
        Assert.Equal(0.7642000000000064, grid.X[^1]);
        Assert.Equal(1.2948, grid.Y[1]);
        Assert.Equal(-1.294800000000006, grid.Y[^1]);
    }

    [Fact]
    public void TutorialGrid_Size7_HasFourPointsPerAxis()
    {
        // Python, w = 7: x = [-2.13, ..., 0.35571428571428565], y = [1.3, ..., -0.9285714285714286].
        var grid = PixelGrid.Tutorial(7);
        Assert.Equal(4, grid.Width);
        Assert.Equal(4, grid.Height);
        Assert.Equal(0.35571428571428565, grid.X[^1]);
        Assert.Equal(-0.9285714285714286, grid.Y[^1]);
    }

    [Fact]
    public void Render_WithTutorialGrid_ReportsTheDerivedSize()
    {
        var result = MandelbrotEngine.Render(new RenderRequest { Grid = GridStyle.Tutorial, TutorialSize = 100, MaxIterations = 300, Width = 1, Height = 1 });
        Assert.Equal(50, result.Width);
        Assert.Equal(50, result.Height);
        Assert.Equal(2500, result.Counts.Length);
    }

    [Fact]
    public void LinearGrid_FollowsItsFormula_RowZeroOnTop()
    {
        var grid = PixelGrid.Linear(new Viewport(-2, 1, -1, 1), 3, 4);
        Assert.Equal(new[] { -2.0, -1.0, 0.0 }, grid.X);
        Assert.Equal(new[] { 1.0, 0.5, 0.0, -0.5 }, grid.Y);
    }

    [Fact]
    public void SingleCoordinates_AreTheDoublesRoundedToNearest()
    {
        var grid = PixelGrid.Tutorial(100);
        var (x, y) = grid.Coordinates<float>();
        Assert.Equal((float)0.7120000000000011, x[^1]);
        Assert.Equal((float)-1.248000000000001, y[^1]);
    }
}
