namespace MandelPS.Cli.Tests;

/// <summary>`mandelps render --tile i/n` and `mandelps merge` end to end: tiles merge into the one-process image; bad input is one line and exit 2.</summary>
public sealed class TileCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-tiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliAppTests.Run(args);

    private static readonly string[] Request = ["render", "-k", "ParallelSimd", "-w", "57", "--height", "41", "-i", "150", "--viewport", "-2,0.6,-1.2,1.2"];

    [Fact]
    public void Tiles_MergeIntoTheImageOfOneRender()
    {
        var tiles = Enumerable.Range(0, 3).Select(i => Path.Combine(_folder, $"t{i}.mtile")).ToList();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, Run([.. Request, "--tile", $"{i}/3", "-o", tiles[i]]).Exit);
        }

        var direct = Path.Combine(_folder, "direct.png");
        var merged = Path.Combine(_folder, "merged.png");
        Assert.Equal(0, Run([.. Request, "--palette", "ocean", "-o", direct]).Exit);
        var (exit, text, error) = Run(["merge", tiles[2], tiles[0], tiles[1], "--palette", "ocean", "-o", merged, "--format", "csv"]);
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(merged));
        Assert.Contains(",57,41,150,", text);
    }

    [Fact]
    public void Merge_RefusesAMissingTile_InOneLine_WithExitCode2()
    {
        var tile = Path.Combine(_folder, "t0.mtile");
        Assert.Equal(0, Run([.. Request, "--tile", "0/2", "-o", tile]).Exit);
        var (exit, text, error) = Run("merge", tile);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal("", text);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("tile 1 of 2", line);
        Assert.Contains(tile, line);
    }

    [Theory]
    [InlineData("1of3", "--tile")]
    [InlineData("3/3", "--tile")]
    public void Render_RefusesABadTile_NamingTheOption(string tile, string option)
    {
        var (exit, _, error) = Run([.. Request, "--tile", tile, "-o", Path.Combine(_folder, "x.mtile")]);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(option, error);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Render_RefusesATileWrittenAsAnImage()
    {
        var (exit, _, error) = Run([.. Request, "--tile", "0/2", "-o", Path.Combine(_folder, "x.png")]);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--output", error);
        Assert.Contains(".mtile", error);
    }

    [Fact]
    public void Render_RefusesAColourPaletteForAGreyPgm_ListingTheWayOut()
    {
        var (exit, _, error) = Run([.. Request, "--palette", "fire", "-o", Path.Combine(_folder, "x.pgm")]);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("mandelps: error: --palette: ", error);
        Assert.Contains("Grey", error);
    }

    [Fact]
    public void Render_WritesAGreyPgm_WithoutBeingAskedForAPalette()
    {
        var path = Path.Combine(_folder, "grey.pgm");
        Assert.Equal(0, Run([.. Request, "-o", path]).Exit);
        Assert.Equal("P5\n57 41\n255\n"u8.ToArray(), File.ReadAllBytes(path)[..13]);
    }

    [Fact]
    public void Render_RefusesAnUnknownPalette_ListingTheNames()
    {
        var (exit, _, error) = Run([.. Request, "--palette", "neon", "-o", Path.Combine(_folder, "x.png")]);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--palette: 'neon' is not one of classic, grey, fire, ocean, viridis", error);
    }
}
