using System.Text.Json;
using MandelPS.Cli;

namespace MandelPS.Cli.Tests;

/// <summary>The `mandelps` host end to end, in process: arguments in, text and exit code out.</summary>
public sealed class CliAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Kernels_ListsEveryKernel()
    {
        var (exit, text, _) = Run("kernels", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("Name,Technique,Family,Precisions,IsExact,IsAvailable,Reason", text);
        Assert.Contains("\nParallelSimd,", text);
    }

    [Fact]
    public void Render_TutorialGrid_PrintsTheDerivedSizeAsJson()
    {
        var (exit, text, _) = Run("render", "--grid", "tutorial", "--size", "100", "--max-iterations", "300", "--format", "json");
        Assert.Equal(0, exit);
        var row = JsonDocument.Parse(text).RootElement[0];
        Assert.Equal(50, row.GetProperty("Width").GetInt32());
        Assert.Equal(50, row.GetProperty("Height").GetInt32());
        Assert.Equal("Expanded", row.GetProperty("Kernel").GetString());
        Assert.True(row.GetProperty("ValidationSum").GetInt64() > 0);
    }

    [Fact]
    public void Render_WritesPng_AndRefusesToOverwriteWithoutForce()
    {
        var path = Path.Combine(_folder, "m.png");
        Assert.Equal(0, Run("render", "-k", "Simd", "-w", "40", "--height", "30", "-i", "50", "-o", path).Exit);
        var first = File.ReadAllBytes(path);
        Assert.Equal(0x89, first[0]);

        var (exit, _, err) = Run("render", "-k", "Simd", "-w", "20", "--height", "10", "-o", path);
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("already exists", err);
        Assert.Equal(first, File.ReadAllBytes(path));

        Assert.Equal(0, Run("render", "-k", "Simd", "-w", "20", "--height", "10", "-o", path, "--force").Exit);
        Assert.NotEqual(first, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("Width: 0 is outside the allowed range 1..1000000", "render", "--width", "0")]
    [InlineData("MaxIterations: 0 is outside the allowed range", "measure", "-k", "Simd", "-i", "0")]
    [InlineData("'Nope' is not a kernel; valid names: Naive,", "measure", "--kernel", "Nope")]
    [InlineData("XMin (1) must be less than XMax (0)", "render", "--viewport", "1,0,0,1")]
    [InlineData("use either --all or --kernel", "measure", "--all", "-k", "Simd")]
    [InlineData("'.jpg' is not a supported image extension", "render", "-o", "x.jpg")]
    public void BadInput_ExitsWithTwo_NamingTheParameter(string message, params string[] args)
    {
        var (exit, _, err) = Run(args);
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains(message, err);
    }

    [Fact]
    public void Measure_SweepIsTheCrossProduct_AsCsv()
    {
        var (exit, text, _) = Run("measure", "-k", "Expanded", "-k", "Simd", "-w", "16", "-w", "24", "--height", "8", "-i", "20", "--runs", "1", "-f", "csv");
        Assert.Equal(0, exit);
        var lines = text.Trim().Split('\n');
        Assert.Equal(1 + 2 * 2, lines.Length);
        Assert.StartsWith("Kernel,Width,Height,MaxIterations,Precision,", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(",Ok,", l));
    }

    [Fact]
    public void Render_BenchmarksGamePreset_WritesTheTaskBitmap()
    {
        var path = Path.Combine(_folder, "bg.pbm");
        var (exit, text, _) = Run("render", "--preset", "benchmarksgame", "-n", "8", "-o", path);
        Assert.Equal(0, exit);
        Assert.Contains("ParallelSimd", text);
        Assert.Equal("P4\n8 8\n"u8.ToArray().Concat(new byte[] { 0x02, 0x00, 0x0F, 0x2F, 0xFF, 0x2F, 0x0F, 0x00 }), File.ReadAllBytes(path));
    }

    [Fact]
    public void Compare_SavedSets_FailsOnRegression_WithExitCodeThree()
    {
        var before = Path.Combine(_folder, "before.json");
        var after = Path.Combine(_folder, "after.json");
        Assert.Equal(0, Run("measure", "-k", "Simd", "-w", "32", "--height", "16", "-i", "50", "--runs", "8", "-f", "json", "-o", before).Exit);

        // Fixed run times on both sides (the measured ones depend on what else runs): "after" is 30% slower.
        var rows = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(before))!.AsArray();
        double[] times = [10, 10.1, 9.9, 10.05, 9.95, 10.02, 9.98, 10.01];
        string Samples(double factor) => string.Join(";", times.Select(t => (t * factor).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        rows[0]!["SamplesMs"] = Samples(1.0);
        File.WriteAllText(before, rows.ToJsonString());
        rows[0]!["SamplesMs"] = Samples(1.3);
        File.WriteAllText(after, rows.ToJsonString());
        var (exit, text, _) = Run("compare", "--reference", before, "--difference", after, "--fail-on-regression", "-f", "csv");
        Assert.Equal(CliApp.ExitRegression, exit);
        Assert.Contains(",Slower,", text);
        Assert.Contains(",0.769", text); // speedup = 1 / 1.3, from the saved samples' medians

        var (same, _, _) = Run("compare", "--reference", before, "--difference", before, "--fail-on-regression");
        Assert.Equal(0, same);
    }

    [Fact]
    public void Compare_NeedsBothSavedSets()
    {
        var (exit, _, err) = Run("compare", "--reference", "a.json");
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("give both --reference and --difference", err);
    }

    [Fact]
    public void Measure_WritesAReport()
    {
        var report = Path.Combine(_folder, "r.svg");
        Assert.Equal(0, Run("measure", "-k", "Expanded", "-k", "Simd", "-w", "16", "--height", "8", "-i", "20", "--runs", "2", "--report", report).Exit);
        Assert.StartsWith("<svg", File.ReadAllText(report));
    }

    [Fact]
    public void CostMap_WritesTheHeatmap_AndPrintsLoadBalance()
    {
        var heat = Path.Combine(_folder, "heat.png");
        var (exit, text, _) = Run("costmap", "-k", "Simd", "-w", "64", "--height", "48", "-i", "100", "--tile-size", "8", "-o", heat, "-f", "csv");
        Assert.Equal(0, exit);
        Assert.Equal(0x89, File.ReadAllBytes(heat)[0]);
        Assert.Contains("StaticSplitEfficiency", text.Split('\n')[0]);
    }
}
