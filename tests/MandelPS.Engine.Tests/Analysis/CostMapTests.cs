using MandelPS.Engine.Errors;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Analysis;

public sealed class CostMapTests
{
    private static readonly RenderResult Tutorial = MandelbrotEngine.Render(new RenderRequest { Width = 200, Height = 160, MaxIterations = 500 });

    [Fact]
    public void TileCosts_SumToTheTotalIterations()
    {
        var map = CostMap.From(Tutorial, 16);
        Assert.Equal(13, map.Columns); // ceil(200 / 16)
        Assert.Equal(10, map.Rows);
        Assert.Equal(Tutorial.TotalIterations, map.TileCosts.Sum());
        Assert.Equal(Tutorial.TotalIterations, map.RowCosts.Sum());
    }

    [Fact]
    public void StaticBands_LeaveCoresIdle_DynamicRowsDoNot()
    {
        var map = CostMap.From(Tutorial, 16);
        // The set sits in the middle rows: with 4 bands the two outer ones are nearly free.
        Assert.True(map.StaticSplitEfficiency(4) < 0.8, $"static {map.StaticSplitEfficiency(4)}");
        Assert.True(map.DynamicRowsEfficiency(4) > 0.95, $"dynamic {map.DynamicRowsEfficiency(4)}");
        Assert.Equal(1.0, map.StaticSplitEfficiency(1), 12);
    }

    [Fact]
    public void Heatmap_HasTheImagesSize_AndIsBrightestWhereTheSetIs()
    {
        var map = CostMap.From(Tutorial, 10);
        var gray = map.ToGray();
        Assert.Equal(Tutorial.Width * Tutorial.Height, gray.Length);
        Assert.Equal(255, gray.Max());
        var insideSet = (80 * Tutorial.Width) + 130; // near c = -0.3 + 0i, in the main cardioid
        Assert.True(gray[insideSet] > gray[0]);
    }

    [Fact]
    public void TileSize_OutOfRange_IsRefused() =>
        Assert.Equal("TileSize", Assert.Throws<MandelPSException>(() => CostMap.From(Tutorial, 0)).Parameter);
}
