using MandelPS.Engine.Errors;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Analysis;

/// <summary>
/// Where the work is: inner-loop iterations summed per tile of a solved image. Pixels inside the set
/// cost MaxIterations, pixels far outside cost one, so the cost piles up in a few rows through the set.
/// That is why splitting an image into one contiguous band of rows per core (a static split) leaves
/// most cores idle while one finishes the band through the set, and why the parallel kernels hand
/// out single rows dynamically instead.
/// </summary>
public sealed class CostMap
{
    public const int MinTileSize = 1;
    public const int MaxTileSize = 4096;

    private CostMap(int width, int height, int tileSize, int columns, int rows, long[] tileCosts, long[] rowCosts)
    {
        Width = width;
        Height = height;
        TileSize = tileSize;
        Columns = columns;
        Rows = rows;
        TileCosts = tileCosts;
        RowCosts = rowCosts;
    }

    /// <summary>The image's size in pixels (the heatmap has the same, one block per tile).</summary>
    public int Width { get; }

    public int Height { get; }

    public int TileSize { get; }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Iterations per tile, row-major (Rows x Columns).</summary>
    public long[] TileCosts { get; }

    /// <summary>Iterations per image row.</summary>
    public long[] RowCosts { get; }

    /// <summary>Refuses a tile size out of range (hosts call it before rendering).</summary>
    public static void RequireTileSize(int tileSize)
    {
        MandelPSException.RequireInRange("TileSize", tileSize, MinTileSize, MaxTileSize);
    }

    public static CostMap From(RenderResult result, int tileSize)
    {
        ArgumentNullException.ThrowIfNull(result);
        RequireTileSize(tileSize);

        var columns = (result.Width + tileSize - 1) / tileSize;
        var rows = (result.Height + tileSize - 1) / tileSize;
        var tiles = new long[columns * rows];
        var rowCosts = new long[result.Height];
        for (var j = 0; j < result.Height; j++)
        {
            for (var i = 0; i < result.Width; i++)
            {
                var cost = RenderResult.IterationsFor(result.Counts[j * result.Width + i], result.MaxIterations);
                tiles[j / tileSize * columns + i / tileSize] += cost;
                rowCosts[j] += cost;
            }
        }

        return new CostMap(result.Width, result.Height, tileSize, columns, rows, tiles, rowCosts);
    }

    /// <summary>
    /// Busy fraction of <paramref name="workers"/> cores when each takes one contiguous band of rows:
    /// mean band cost over the largest band's (1 = perfectly balanced).
    /// </summary>
    public double StaticSplitEfficiency(int workers)
    {
        var bands = new long[workers];
        for (var j = 0; j < RowCosts.Length; j++)
        {
            bands[(int)((long)j * workers / RowCosts.Length)] += RowCosts[j];
        }

        return Efficiency(bands);
    }

    /// <summary>The same when rows are handed out one at a time to whichever core is free (the kernels' scheduler).</summary>
    public double DynamicRowsEfficiency(int workers)
    {
        var load = new long[workers];
        foreach (var cost in RowCosts)
        {
            var idlest = Array.IndexOf(load, load.Min());
            load[idlest] += cost;
        }

        return Efficiency(load);
    }

    /// <summary>
    /// A heatmap the size of the image (Width x Height), each tile one flat block: black costs least,
    /// white most (square-root ramp), so it lays over the rendered image.
    /// </summary>
    public byte[] ToGray()
    {
        var max = Math.Max(1, TileCosts.Max());
        var shade = TileCosts.Select(c => (byte)Math.Round(255 * Math.Sqrt((double)c / max))).ToArray();
        var gray = new byte[Width * Height];
        for (var j = 0; j < Height; j++)
        {
            for (var i = 0; i < Width; i++)
            {
                gray[j * Width + i] = shade[j / TileSize * Columns + i / TileSize];
            }
        }

        return gray;
    }

    private static double Efficiency(long[] load)
    {
        var max = load.Max();
        return max == 0 ? 1 : load.Average() / max;
    }
}
