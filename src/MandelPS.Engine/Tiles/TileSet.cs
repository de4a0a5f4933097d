using MandelPS.Engine.Errors;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tiles;

/// <summary>
/// Tiles checked to make one render: every file intact, all of one request, and together covering its
/// rows exactly once (no tile missing, none twice, none overlapping another). Read back band by band in
/// row order, it is a count source bit-identical to the render made in one process.
/// </summary>
public sealed class TileSet : ICountSource
{
    /// <summary>Rows read from a tile at a time (tiles may be far larger than memory should hold).</summary>
    private const int PixelsPerChunk = 1 << 22;

    private readonly IReadOnlyList<(string Path, TileHeader Header)> _tiles;

    private TileSet(IReadOnlyList<(string Path, TileHeader Header)> tiles)
    {
        _tiles = tiles;
        First = tiles[0].Header;
    }

    /// <summary>The first tile's header: the request every tile shares.</summary>
    public TileHeader First { get; }

    public int Count => _tiles.Count;

    public int Width => First.Width;

    public int Height => First.Height;

    public int MaxIterations => First.MaxIterations;

    /// <summary>Validation figures of the latest pass over the tiles.</summary>
    public CountTotals Totals { get; private set; } = new(1);

    /// <summary>Milliseconds the kernels ran over all tiles.</summary>
    public double ElapsedMs => _tiles.Sum(t => t.Header.ElapsedMs);

    /// <summary>
    /// Opens and checks tile files (<paramref name="paths"/>: full paths, named in errors as given); the first
    /// tile that fails a check is refused with an error naming it.
    /// </summary>
    public static TileSet Open(IReadOnlyList<string> paths, Action<int, string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw MandelPSException.Invalid("Path", "no tile files to merge");
        }

        var tiles = new List<(string Path, TileHeader Header)>();
        foreach (var path in paths)
        {
            progress?.Invoke(tiles.Count, path);
            using var stream = Open(path);
            var header = TileFile.ReadVerified(stream, path, cancellation);
            if (header.TileCount < 1 || header.TileIndex < 0 || header.TileIndex >= header.TileCount || header.TileCount > header.Height
                || RowBand.Tile(header.Height, header.TileIndex, header.TileCount) != header.Band)
            {
                throw TileFile.Corrupted(path, $"its rows ({header.Band}) are not tile {header.TileIndex} of {header.TileCount} of a {header.Height}-row image");
            }

            if (tiles.Count > 0 && header.CountsKey != tiles[0].Header.CountsKey)
            {
                throw Refused(path, $"it is a tile of another request ({header.CountsKey}) than '{tiles[0].Path}' ({tiles[0].Header.CountsKey})");
            }

            tiles.Add((path, header));
        }

        tiles.Sort((a, b) => a.Header.FirstRow != b.Header.FirstRow ? a.Header.FirstRow.CompareTo(b.Header.FirstRow) : a.Header.Rows.CompareTo(b.Header.Rows));
        CheckCoverage(tiles);
        return new TileSet(tiles);
    }

    /// <summary>The plan the tiles were made from, re-planned here (with <paramref name="countsInMemory"/> for a merged result).</summary>
    public RenderPlan Plan(bool countsInMemory) => RenderPlan.Create(First.Request, countsInMemory);

    public void ForEachBand(Action<RowBand, ReadOnlyMemory<int>> band, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(band);
        var rowsPerChunk = Math.Max(1, PixelsPerChunk / Width);
        var totals = new CountTotals(MaxIterations);
        foreach (var (path, header) in _tiles)
        {
            using var stream = Open(path);
            TileFile.ReadCounts(stream, path, rowsPerChunk, (row, counts) =>
            {
                totals.Add(counts.Span);
                band(new RowBand(header.FirstRow + row, counts.Length / Width), counts);
            }, cancellation);
        }

        Totals = totals;
    }

    /// <summary>Tiles in row order: first none twice and none overlapping, then no rows left out.</summary>
    private static void CheckCoverage(List<(string Path, TileHeader Header)> tiles)
    {
        for (var k = 1; k < tiles.Count; k++)
        {
            var (path, header) = tiles[k];
            var (before, earlier) = tiles[k - 1];
            if (header.Band == earlier.Band)
            {
                throw Refused(path, $"it is a duplicate of '{before}' (both are tile {header.TileIndex} of {header.TileCount}, {header.Band})");
            }

            if (header.FirstRow < earlier.Band.End)
            {
                throw Refused(path, $"its {header.Band} (tile {header.TileIndex} of {header.TileCount}) overlap '{before}' ({earlier.Band}, tile {earlier.TileIndex} of {earlier.TileCount})");
            }
        }

        var (height, count) = (tiles[0].Header.Height, tiles[0].Header.TileCount);
        var next = 0;
        foreach (var (path, header) in tiles)
        {
            if (header.FirstRow > next)
            {
                throw Missing(new RowBand(next, header.FirstRow - next), height, count, $"before '{path}'");
            }

            next = header.Band.End;
        }

        if (next < height)
        {
            throw Missing(new RowBand(next, height - next), height, count, $"after '{tiles[^1].Path}'");
        }
    }

    private static MandelPSException Missing(RowBand gap, int height, int count, string where)
    {
        var missing = Enumerable.Range(0, count).Where(i => RowBand.Tile(height, i, count).First >= gap.First && RowBand.Tile(height, i, count).End <= gap.End).ToList();
        var what = missing.Count == 0
            ? $"{gap} are"
            : $"tile{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {count} ({gap}) {(missing.Count > 1 ? "are" : "is")}";
        return new MandelPSException(ErrorKind.BadSavedResults, null, $"{what} missing ({where})", gap);
    }

    private static MandelPSException Refused(string path, string problem) =>
        new(ErrorKind.BadSavedResults, null, $"tile '{path}': {problem}", path);

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MandelPSException(ErrorKind.BadSavedResults, null, $"tile '{path}' cannot be read: {e.Message}", path, e);
        }
    }
}
