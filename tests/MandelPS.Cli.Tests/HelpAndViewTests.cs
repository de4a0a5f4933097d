namespace MandelPS.Cli.Tests;

/// <summary>
/// What a person reads from `mandelps`: help that fits 100 columns under the name users type, tables with the
/// module's headers and rounding, hyperfine's summary line, and wildcards that skip kernels unavailable here.
/// </summary>
public sealed class HelpAndViewTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliAppTests.Run(args);

    public static TheoryData<string> Verbs() => new("kernels", "devices", "limit", "render", "measure", "compare", "costmap", "merge", "code");

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_FitsAHundredColumns_UnderTheNameUsersType(string verb)
    {
        var (exit, text, _) = Run(verb, "--help");
        Assert.Equal(0, exit);
        Assert.Contains($"  mandelps {verb} ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("  MandelPS.Cli ", text, StringComparison.Ordinal); // the usage line names the command, not the assembly
        var tooWide = text.Split('\n').Where(l => l.TrimEnd().Length > CliApp.HelpWidth).ToList();
        Assert.True(tooWide.Count == 0, $"{tooWide.Count} lines wider than {CliApp.HelpWidth}: {tooWide.FirstOrDefault()}");
        // A value list is shown once: as the option's placeholder, not again in its description.
        Assert.DoesNotContain("(double, single)", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A call builds only the verb it names (start-up), so each verb must be filed under the name it is typed
    /// as; the root's own help still lists them all, and a mistyped verb is the root's error.
    /// </summary>
    [Fact]
    public void EachVerb_IsBuiltAlone_UnderItsOwnName_AndTheRootListsThemAll()
    {
        var verbs = CliApp.Verbs(TextWriter.Null, TextWriter.Null, default);
        Assert.All(verbs, v => Assert.Equal(v.Name, v.Create().Name));
        Assert.All(verbs, v => Assert.Equal([v.Name], CliApp.BuildRoot(TextWriter.Null, TextWriter.Null, verb: v.Name).Subcommands.Select(c => c.Name)));
        Assert.Equal(verbs.Select(v => v.Name), CliApp.BuildRoot(TextWriter.Null, TextWriter.Null).Subcommands.Select(c => c.Name));

        var (exit, help, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.All(verbs.Where(v => v.Name != "worker"), v => Assert.Matches($"\\n  {v.Name}[ <]", help)); // the worker is hidden
        var (badExit, _, error) = Run("rendr", "-n", "8");
        Assert.Equal(ExitCodes.InvalidInput, badExit);
        Assert.Contains("See 'mandelps --help'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_TakesMinusK_LikeEveryOtherVerb()
    {
        var (exit, text, error) = Run("code", "-k", "GpuSource", "--stage", "opencl");
        Assert.True(exit == 0, error);
        Assert.Contains("__kernel", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMeasureTable_HasTheViewsHeaders_AndSaysHowManyTimesFaster()
    {
        var (exit, text, error) = Run("measure", "-k", "Simd", "-k", "Expanded", "-w", "60", "--height", "40", "-i", "100", "--runs", "3", "--min-run-time-ms", "0");
        Assert.True(exit == 0, error);
        var header = text.Split('\n')[0];
        Assert.Equal(["Kernel", "Size", "Precision", "Median", "ms", "G", "it/s", "Speedup"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"Simd \(60x40, Double\) ran \d+(\.\d+)? ± \d+(\.\d+)? times faster than Expanded", text);
    }

    [Fact]
    public void TheLossyTable_GroupsItsRowsByViewport()
    {
        var (exit, text, error) = Run("compare", "--lossy", "-w", "16", "--height", "16", "-i", "50", "--runs", "3", "--min-run-time-ms", "0");
        Assert.True(exit == 0, error);
        Assert.Equal(["Viewport: Full", "Viewport: BoundaryZoom", "Viewport: DeepZoom"], text.Split('\n').Where(l => l.StartsWith("Viewport:", StringComparison.Ordinal)).Select(l => l.Trim()));
    }

    [Fact]
    public void AWildcard_SkipsKernelsUnavailableHere_WithAWarning_AsAllDoes()
    {
        // The engine tests here run without the GPU assembly's devices: every Gpu* kernel is unavailable.
        var (exit, _, error) = Run("measure", "-k", "Gpu*", "-k", "Simd", "-w", "8", "--height", "8", "--runs", "1");
        Assert.Equal(0, exit);
        Assert.Contains("mandelps: warning: skipping GpuElementwise:", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unavailable, Run("measure", "-k", "GpuElementwise", "-w", "8", "--height", "8", "--runs", "1").Exit);
    }

    [Fact]
    public void CenterAndZoom_AimAViewportOfTheImagesShape()
    {
        var (exit, text, error) = Run("render", "-w", "160", "--height", "90", "-i", "50", "--center", "-0.5,0.25", "--zoom", "4", "--format", "json");
        Assert.True(exit == 0, error);
        var viewport = System.Text.Json.JsonDocument.Parse(text).RootElement[0].GetProperty("Viewport").GetString()!.Split(',').Select(double.Parse).ToArray();
        Assert.Equal(-0.5, (viewport[0] + viewport[1]) / 2, 9);
        Assert.Equal(0.25, (viewport[2] + viewport[3]) / 2, 9);
        Assert.Equal(160.0 / 90, (viewport[1] - viewport[0]) / (viewport[3] - viewport[2]), 9);
        Assert.Equal(2.6 / 4, viewport[3] - viewport[2], 9); // zoom 1 shows the tutorial's 2.6 of height in a wide image
    }

    [Fact]
    public void AStretchedPicture_IsWarnedAbout_ButAStretchedMeasurementIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("mandelps-aspect-").FullName;
        try
        {
            var stretched = Run("render", "-w", "192", "--height", "108", "-i", "20", "-o", Path.Combine(folder, "m.png"));
            Assert.Equal(0, stretched.Exit);
            Assert.Contains("mandelps: warning: --viewport -2.13,0.77,-1.3,1.3 on 192x108 pixels makes each pixel 0.627 times as wide as it is tall", stretched.Err, StringComparison.Ordinal);
            Assert.Contains("--center and --zoom", stretched.Err, StringComparison.Ordinal);
            Assert.Equal("", Run("render", "-w", "192", "--height", "108", "-i", "20", "--zoom", "1", "-o", Path.Combine(folder, "z.png")).Err);
            Assert.Equal("", Run("render", "-w", "192", "--height", "108", "-i", "20").Err);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Kernels_ListsWithoutAskingTheGpuRuntimes_UnlessToldWithDevices()
    {
        static System.Text.Json.JsonElement Row(string json, string name) =>
            System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("Name").GetString() == name);

        var (exit, listed, error) = Run("kernels", "-f", "json");
        Assert.True(exit == 0, error);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Row(listed, "GpuSource").GetProperty("IsAvailable").ValueKind);
        Assert.Contains("--devices", Row(listed, "FormulaGpu").GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.True(Row(listed, "Simd").GetProperty("IsAvailable").GetBoolean());

        (exit, var asked, error) = Run("kernels", "--devices", "-f", "json");
        Assert.True(exit == 0, error);
        Assert.Contains(Row(asked, "GpuSource").GetProperty("IsAvailable").ValueKind, new[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False });
    }
}
