using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tests.Kernels;
using MandelPS.Engine.Tiles;

namespace MandelPS.Engine.Tests.Tiles;

/// <summary>Tiles merge bit-identical to a one-process render; a missing, duplicate, overlapping, foreign or damaged tile is refused by name.</summary>
public sealed class TileSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-tile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RenderPlan Plan(string scenario = "Tutorial", int maxIterations = 300, Precision precision = Precision.Double) =>
        RenderPlan.Create(Scenarios.Get(scenario) with { Kernel = "ParallelSimd", MaxIterations = maxIterations, Precision = precision });

    private string WriteTile(RenderPlan plan, int index, int count, string? name = null)
    {
        var path = Path.Combine(_folder, name ?? $"t{index}of{count}.mtile");
        using var stream = File.Create(path);
        TileRender.Write(plan, index, count, stream);
        return path;
    }

    private List<string> WriteTiles(RenderPlan plan, int count) => Enumerable.Range(0, count).Select(i => WriteTile(plan, i, count)).ToList();

    public static TheoryData<string, Precision, int> ScenariosAndTileCounts()
    {
        var data = new TheoryData<string, Precision, int>();
        foreach (var scenario in new[] { "Tutorial", "SevenByThirteen", "TutorialGrid", "BenchmarksGame", "DeepZoom" })
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        foreach (var count in new[] { 1, 2, 3, 7 })
        {
            data.Add(scenario, precision, count);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenariosAndTileCounts))]
    public void Merged_IsBitIdenticalToTheOneProcessRender(string scenario, Precision precision, int count)
    {
        var plan = Plan(scenario, Scenarios.Get(scenario).MaxIterations, precision);
        var whole = PreparedRender.RunOnce(plan);
        var tiles = TileSet.Open(WriteTiles(plan, count).AsEnumerable().Reverse().ToList());

        Assert.Equal(whole.Counts, TileMerge.ToResult(tiles).Counts);
        foreach (var format in new[] { ImageFormat.Png, ImageFormat.Pbm })
        {
            var style = new ImageStyle(PaletteName.Fire, ColorScale.Histogram);
            using var direct = new MemoryStream();
            ImageWriter.Write(new BandedRender(plan), direct, format, style);
            using var merged = new MemoryStream();
            ImageWriter.Write(tiles, merged, format, style);
            Assert.Equal(direct.ToArray(), merged.ToArray());
        }

        var summary = TileMerge.ToImage(tiles, null, null, ImageStyle.Default, overwrite: false);
        Assert.Equal(whole.ValidationSum, summary.ValidationSum);
        Assert.Equal(whole.TotalIterations, summary.TotalIterations);
        Assert.Equal(whole.Height, summary.Height);
    }

    [Fact]
    public void EveryTileCount_CoversEveryRowExactlyOnce()
    {
        foreach (var height in new[] { 1, 2, 7, 100, 1001 })
        foreach (var count in Enumerable.Range(1, Math.Min(height, 40)))
        {
            var bands = Enumerable.Range(0, count).Select(i => RowBand.Tile(height, i, count)).ToList();
            Assert.Equal(0, bands[0].First);
            Assert.Equal(height, bands[^1].End);
            Assert.All(bands.Zip(bands.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.First));
            Assert.All(bands, b => Assert.True(b.Count >= 1));
        }
    }

    private static MandelPSException Refused(IReadOnlyList<string> paths)
    {
        var error = Assert.Throws<MandelPSException>(() => TileSet.Open(paths));
        Assert.Equal(ErrorKind.BadSavedResults, error.Kind);
        return error;
    }

    [Fact]
    public void AMissingTile_IsRefused_NamingWhichTileAndRows()
    {
        var paths = WriteTiles(Plan(), 4);
        var error = Refused([paths[0], paths[1], paths[3]]);
        Assert.Contains("tile 2 of 4", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Contains(paths[3], error.Message);

        Assert.Contains("tile 3 of 4", Refused(paths.Take(3).ToList()).Message);
    }

    [Fact]
    public void ADuplicateTile_IsRefused_NamingBothFiles()
    {
        var plan = Plan();
        var paths = WriteTiles(plan, 3);
        var copy = WriteTile(plan, 1, 3, "copy-of-t1.mtile");
        var error = Refused([.. paths, copy]);
        Assert.Contains("duplicate", error.Message);
        Assert.Contains("copy-of-t1.mtile", error.Message);
        Assert.Contains(paths[1], error.Message);
    }

    [Fact]
    public void OverlappingTiles_AreRefused_NamingTheTiles()
    {
        var plan = Plan();
        var thirds = WriteTiles(plan, 3);
        var half = WriteTile(plan, 1, 2, "half.mtile");
        var error = Refused([thirds[0], half, thirds[2]]);
        Assert.Contains("overlap", error.Message);
        Assert.Contains("half.mtile", error.Message);
    }

    [Fact]
    public void AForeignTile_IsRefused_NamingItAndTheRequests()
    {
        var paths = WriteTiles(Plan(), 3);
        var foreign = WriteTile(Plan(maxIterations: 301), 1, 3, "foreign.mtile");
        var error = Refused([paths[0], foreign, paths[2]]);
        Assert.Contains("another request", error.Message);
        Assert.Contains("foreign.mtile", error.Message);
        Assert.Contains("/301/", error.Message);
    }

    public static TheoryData<string> Damages() => new() { "flipped count", "flipped header", "cut off", "extra bytes", "not a tile", "empty" };

    [Theory]
    [MemberData(nameof(Damages))]
    public void ADamagedTile_IsRefused_NamingIt(string damage)
    {
        var paths = WriteTiles(Plan(), 3);
        var bytes = File.ReadAllBytes(paths[1]);
        bytes = damage switch
        {
            "flipped count" => Flip(bytes, bytes.Length - 100),
            "flipped header" => Flip(bytes, 40),
            "cut off" => bytes[..^9],
            "extra bytes" => [.. bytes, 0],
            "not a tile" => "P5\n1 1\n255\n\0"u8.ToArray(),
            _ => [],
        };
        File.WriteAllBytes(paths[1], bytes);
        var error = Refused(paths);
        Assert.Contains(paths[1], error.Message);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x10;
        return bytes;
    }

    [Fact]
    public void ATileTarget_IsChecked_AgainstItsPlan_BeforeAnyWork()
    {
        var spec = new RequestSpec { Kernel = ["Simd"], Width = [20], Height = [7], MaxIterations = [30] };
        string Refusal(RequestSpec request, int index, int count) =>
            Assert.Throws<MandelPSException>(() => MandelbrotEngine.Plan(request, RenderTarget.Tile(Stream.Null, index, count))).Parameter!;
        Assert.Equal("TileIndex", Refusal(spec, 3, 3));
        Assert.Equal("TileIndex", Refusal(spec, -1, 3));
        Assert.Equal("TileCount", Refusal(spec, 0, 8));
        Assert.Equal("TileCount", Refusal(spec, 0, 0));
        Assert.Equal("TileCount", Refusal(spec with { Kernel = ["BuddhabrotPrivate"] }, 0, 2));
        Assert.Equal(7, MandelbrotEngine.Plan(spec, RenderTarget.Tile(Stream.Null, 6, 7)).Height);
    }
}
