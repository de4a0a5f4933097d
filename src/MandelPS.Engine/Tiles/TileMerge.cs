using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tiles;

/// <summary>Checked tiles made into what one render would have made: the image (streamed, a band at a time) and its summary, or the whole result.</summary>
public static class TileMerge
{
    /// <summary>Writes the image (when <paramref name="path"/> is given) and returns the summary a one-process render returns.</summary>
    public static RenderSummary ToImage(TileSet tiles, string? path, ImageFormat? format, ImageStyle style, bool overwrite,
        string parameter = "OutFile", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var plan = tiles.Plan(countsInMemory: false);
        if (path is not null)
        {
            ImageWriter.Write(tiles, path, format ?? ImageWriter.FormatFromPath(path, parameter), overwrite, style, parameter, cancellation);
        }
        else
        {
            tiles.ForEachBand((_, _) => { }, cancellation);
        }

        return RenderSummary.From(plan, tiles.Totals, TimeSpan.FromMilliseconds(tiles.ElapsedMs), new Dictionary<KernelPhase, TimeSpan>(), path);
    }

    /// <summary>Every count in memory, as the one-process render's result (its memory check applies).</summary>
    public static RenderResult ToResult(TileSet tiles, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var plan = tiles.Plan(countsInMemory: true);
        var counts = new int[plan.Grid.PixelCount];
        tiles.ForEachBand((band, chunk) => chunk.Span.CopyTo(counts.AsSpan(band.First * tiles.Width)), cancellation);
        return new RenderResult(plan, counts, TimeSpan.FromMilliseconds(tiles.ElapsedMs));
    }
}
