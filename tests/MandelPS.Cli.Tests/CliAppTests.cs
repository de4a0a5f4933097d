using System.Text.Json;

namespace MandelPS.Cli.Tests;

/// <summary>The `mandelps` host end to end, in process: arguments in, text and exit code out.</summary>
public sealed class CliAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A usage error: exit 2, one line on standard error naming the option, no .NET type, no stack trace.</summary>
    private static void AssertUsageError((int Exit, string Out, string Err) run, string option)
    {
        Assert.Equal(ExitCodes.InvalidInput, run.Exit);
        var line = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mandelps: error: ", line);
        Assert.Contains(option, line);
        Assert.DoesNotContain("System.", line);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Kernels_ListsEveryKernel()
    {
        var (exit, text, _) = Run("kernels", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("Name,Technique,Family,Precisions,IsExact,IsLossy,Twin,IsAvailable,UsesSimd,UsesThreads,Reason", text);
        Assert.Contains("\nLazyEscape,", text);
        Assert.Contains(",True,Simd,", text); // LazyEscape: lossy, measured against Simd
        Assert.Contains("\nParallelSimd,", text);
    }

    [Fact]
    public void Render_TutorialGrid_PrintsTheDerivedSizeAsJson()
    {
        var (exit, text, _) = Run("render", "--tutorial-size", "100", "--max-iterations", "300", "--format", "json");
        Assert.Equal(0, exit);
        var row = JsonDocument.Parse(text).RootElement[0];
        Assert.Equal(50, row.GetProperty("Width").GetInt32());
        Assert.Equal(50, row.GetProperty("Height").GetInt32());
        Assert.Equal("Expanded", row.GetProperty("Kernel").GetString());
        Assert.Equal("Tutorial", row.GetProperty("Grid").GetString());
        Assert.True(row.GetProperty("ValidationSum").GetInt64() > 0);
    }

    [Fact]
    public void Render_WritesPng_AndRefusesToOverwriteWithoutForce()
    {
        var path = Path.Combine(_folder, "m.png");
        Assert.Equal(0, Run("render", "-k", "Simd", "-w", "40", "--height", "30", "-i", "50", "-o", path).Exit);
        var first = File.ReadAllBytes(path);
        Assert.Equal(0x89, first[0]);

        var refused = Run("render", "-k", "Simd", "-w", "20", "--height", "10", "-o", path);
        Assert.Equal(ExitCodes.InvalidInput, refused.Exit);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(0, Run("render", "-k", "Simd", "-w", "20", "--height", "10", "-o", path, "--force").Exit);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Render_MembershipPbm_RefusesToOverwriteWithoutForce_AndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "bg.pbm");
        Assert.Equal(0, Run("render", "--preset", "benchmarksgame", "-n", "64", "-o", path).Exit);
        var first = File.ReadAllBytes(path);

        var refused = Run("render", "--preset", "benchmarksgame", "-n", "32", "-o", path);
        Assert.Equal(ExitCodes.InvalidInput, refused.Exit);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(0, Run("render", "--preset", "benchmarksgame", "-n", "32", "-o", path, "--force").Exit);
        Assert.Equal("P4\n32 32\n"u8.ToArray(), File.ReadAllBytes(path)[..9]);
        Assert.Single(Directory.GetFiles(_folder));
    }

    public static TheoryData<string, string, string> BadNumbers()
    {
        var data = new TheoryData<string, string, string>();
        string[] numeric = ["render --width", "render --height", "render --max-iterations", "render --threads", "render --block-size", "render --tutorial-size",
            "measure --runs", "measure --min-runs", "measure --max-runs", "measure --warmup", "measure --min-run-time-ms", "measure --time-budget-seconds",
            "compare --threshold", "compare --alpha", "costmap --tile-size", "render --escape-radius", "code --escape-radius"];
        foreach (var command in numeric)
        {
            foreach (var value in new[] { "NaN", "Infinity", "-1", "1e20", "", "garbage" })
            {
                var parts = command.Split(' ');
                data.Add(parts[0], parts[1], value);
            }
        }

        return data;
    }

    /// <summary>Every numeric option, fed NaN, Infinity, -1, 1e20, empty and garbage: a clear one-line message and exit 2, nothing run.</summary>
    [Theory]
    [MemberData(nameof(BadNumbers))]
    public void NumericOptions_RefuseBadValues_WithOneLineNamingTheOption(string verb, string option, string value)
    {
        var args = new List<string> { verb, option, value };
        if (verb != "render" && verb != "costmap" && verb != "code")
        {
            args.AddRange(["-k", "Expanded", "-w", "4", "--height", "4", "-i", "5"]);
        }

        AssertUsageError(Run([.. args]), option);
    }

    public static TheoryData<string, string, string> BadFormulas()
    {
        var data = new TheoryData<string, string, string>();
        var formulas = new Dictionary<string, string>
        {
            [""] = "empty",
            ["z^2 + * c"] = "at position 7 (z^2 + [*] c): expected an operand",
            ["(z^2 + c"] = "expected ')'",
            ["z^2 + c)"] = "closes no '('",
            ["foo(z) + c"] = "unknown name 'foo'; valid: variables z, c",
            ["c^2 + 1"] = "does not use z",
            ["z^99 + c"] = "beyond the bound -64..64",
            ["z/0 + c"] = "division by a constant zero",
            [string.Concat(Enumerable.Repeat("z+", 101)) + "c"] = "at most 200",
        };
        foreach (var verb in new[] { "render", "measure", "compare", "code" })
        foreach (var (formula, message) in formulas)
        {
            data.Add(verb, formula, message);
        }

        return data;
    }

    /// <summary>Every verb that takes --formula: a bad one is one line naming --formula, the position and what was expected; exit 2.</summary>
    [Theory]
    [MemberData(nameof(BadFormulas))]
    public void FormulaOption_RefusesBadFormulas_WithThePosition(string verb, string formula, string message)
    {
        var args = new List<string> { verb, "--formula", formula };
        if (verb != "code")
        {
            args.AddRange(["-k", "FormulaCompiled", "-w", "4", "--height", "4", "-i", "5"]);
        }

        var run = Run([.. args]);
        AssertUsageError(run, "--formula");
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public void AFormula_WithAKernelThatSolvesOnlyZSquared_IsAUsageError()
    {
        var run = Run("render", "-k", "Expanded", "--formula", "z^3 + c", "-w", "4", "--height", "4");
        AssertUsageError(run, "--formula");
        Assert.Contains("FormulaCompiled", run.Err);
    }

    [Fact]
    public void Measure_AFormula_ReportsItsCompileTime_AndTheFormulaInTheRow()
    {
        var (exit, text, _) = Run("measure", "-k", "FormulaCompiled", "--formula", "z^3 + c", "--escape-radius", "2.5", "-w", "16", "--height", "8", "-i", "20", "--runs", "3", "--format", "json");
        Assert.Equal(0, exit);
        var row = JsonDocument.Parse(text).RootElement[0];
        Assert.Equal("z^3 + c", row.GetProperty("Formula").GetString());
        Assert.Equal(2.5, row.GetProperty("EscapeRadius").GetDouble());
        Assert.Equal("Ok", row.GetProperty("Status").GetString());
    }

    [Fact]
    public void Code_PrintsTheResidualCode_AndEveryStageAsked()
    {
        var (exit, text, _) = Run("code", "--formula", "z^3 + c", "--stage", "tree", "--stage", "residual", "--stage", "il");
        Assert.Equal(0, exit);
        Assert.Contains("; FormulaInterpreted: Tree of 'z^3 + c'", text);
        Assert.Contains("r4 = zx * zx", text);
        Assert.Contains(": mul", text);
        Assert.DoesNotContain("pow", text);
    }

    [Theory]
    [InlineData("--width", "0")]
    [InlineData("--max-iterations", "0")]
    [InlineData("--threads", "0")]
    [InlineData("--tile-size", "0")]
    public void Zero_IsOutOfRange_WhereTheRangeStartsAtOne(string option, string value)
    {
        var verb = option == "--tile-size" ? "costmap" : "render";
        var run = Run(verb, option, value, "-w", "4", "--height", "4");
        if (option == "--width")
        {
            run = Run(verb, option, value, "--height", "4");
        }

        AssertUsageError(run, option);
    }

    public static TheoryData<string, string, string> BadSavedFiles() => new()
    {
        { "empty.json", "", "is empty" },
        { "truncated.json", "[{\"Kernel\": \"Simd\", \"Width\":", "not valid JSON" },
        { "object.json", "{}", "lacks the columns" },
        { "numbers.json", "[1,2]", "expected an object" },
        { "strings.json", "[{\"Kernel\":\"Simd\",\"Width\":\"wide\",\"Height\":1,\"MaxIterations\":1,\"Precision\":\"Double\",\"SamplesMs\":\"1\"}]", "not a whole number" },
        { "duplicate.csv", "Kernel,Kernel,Width\nSimd,Simd,1\n", "twice" },
        { "missing.csv", "Kernel,Width\nSimd,10\n", "lacks the columns" },
        { "other-tool.csv", "name,value\nfoo,1\n", "lacks the columns" },
        { "negative.csv", "Kernel,Width,Height,MaxIterations,Precision,SamplesMs\nSimd,1,1,1,Double,-5;3\n", "non-negative" },
        { "nan.csv", "Kernel,Width,Height,MaxIterations,Precision,SamplesMs\nSimd,1,1,1,Double,NaN\n", "non-negative finite" },
        { "headeronly.csv", "Kernel,Width,Height,MaxIterations,Precision,SamplesMs\n", "no rows" },
        { "ragged.csv", "Kernel,Width,Height,MaxIterations,Precision,SamplesMs\nSimd,1\n", "fields" },
    };

    [Theory]
    [MemberData(nameof(BadSavedFiles))]
    public void Compare_RefusesSavedFilesThatAreNotResultSets(string name, string content, string expected)
    {
        var bad = Path.Combine(_folder, name);
        File.WriteAllText(bad, content);
        var report = Path.Combine(_folder, "r.md");
        var run = Run("compare", "--reference", bad, "--difference", bad, "--report", report);
        AssertUsageError(run, "--reference");
        Assert.Contains(expected, run.Err);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void SavedSets_RoundTripThroughCsvAndJson_WithLowercaseKeysAndTypeLines()
    {
        var csv = Path.Combine(_folder, "a.csv");
        Assert.Equal(0, Run("measure", "-k", "Expanded", "-k", "Simd", "-w", "24", "--height", "16", "-i", "30", "--runs", "5", "--warmup", "0", "--format", "csv", "-o", csv).Exit);
        var typed = Path.Combine(_folder, "typed.csv");
        File.WriteAllText(typed, "#TYPE MandelPS.Engine.Measurement.KernelMeasurement\n" + File.ReadAllText(csv));
        var json = Path.Combine(_folder, "lower.json");
        var rows = JsonDocument.Parse(Run("measure", "-k", "Expanded", "-k", "Simd", "-w", "24", "--height", "16", "-i", "30", "--runs", "5", "--warmup", "0", "--format", "json").Out).RootElement;
        File.WriteAllText(json, JsonSerializer.Serialize(rows.EnumerateArray().Select(r => r.EnumerateObject().ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value))));

        var (exit, text, err) = Run("compare", "--reference", typed, "--difference", json, "--format", "csv");
        Assert.True(exit == 0, err);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Csv_QuotesFieldsWithCommasAndQuotes()
    {
        var (_, text, _) = Run("measure", "-k", "Expanded", "-w", "4", "--height", "4", "-i", "5", "--runs", "1", "--warmup", "0", "--format", "csv");
        var header = text.Split('\n')[0].Split(',');
        var viewport = Array.IndexOf(header, "Viewport");
        Assert.True(viewport > 0);
        Assert.Contains("\"-2.13,0.77,-1.3,1.3\"", text); // the viewport holds commas, so it is quoted
    }

    public static TheoryData<string[], string> Contradictions() => new()
    {
        { ["render", "--preset", "benchmarksgame", "-n", "8", "--viewport=-2,1,-1,1"], "--viewport" },
        { ["render", "--preset", "benchmarksgame", "-n", "8", "-i", "10"], "--max-iterations" },
        { ["render", "--preset", "benchmarksgame", "-n", "8", "-w", "10"], "--width" },
        { ["render", "--format", "pgm", "-o", "x.png"], "--format" },
        { ["render", "--tutorial-size", "100", "-w", "10"], "--width" },
        { ["measure", "--all", "-k", "Simd"], "--all" },
        { ["measure", "--runs", "3", "--min-runs", "2"], "--min-runs" },
        { ["compare", "--reference", "a.csv"], "--difference" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void ConflictingOptions_AreErrors_NotSilentlyIgnored(string[] args, string option) =>
        AssertUsageError(Run(args), option);

    [Fact]
    public void ABadOutputPath_FailsBeforeAnyMeasuring_AndNothingIsOverwritten()
    {
        var missing = Path.Combine(_folder, "nope", "r.csv");
        var run = Run("measure", "--all", "-o", missing);
        Assert.Equal(ExitCodes.WriteFailed, run.Exit);
        Assert.Contains("does not exist", run.Err);

        var existing = Path.Combine(_folder, "r.svg");
        File.WriteAllText(existing, "keep");
        var refused = Run("measure", "-k", "Simd", "--report", existing);
        Assert.Equal(ExitCodes.InvalidInput, refused.Exit);
        Assert.Equal("keep", File.ReadAllText(existing));
    }

    [Fact]
    public void AnUnknownKernel_IsNamed_AndNothingRuns()
    {
        var run = Run("measure", "-k", "Simd", "-k", "Quantum");
        AssertUsageError(run, "'Quantum'");
        Assert.Contains("ParallelSimd", run.Err);
    }

    [Fact]
    public void AKernelThatCannotRunInAPrecision_ExitsAsUnavailable()
    {
        var (exit, _, err) = Run("render", "-k", "Naive", "--precision", "single", "-w", "4", "--height", "4");
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("--precision", err);
    }

    [Fact]
    public void FailOnRegression_FailsClosed_WhenARowIsInconclusive()
    {
        // Two runs a side can never reach alpha 0.05: the gate must not pass it as "no regression".
        var run = Run("compare", "-k", "Simd", "-w", "16", "--height", "16", "-i", "20", "--runs", "2", "--warmup", "0", "--fail-on-regression");
        Assert.Equal(ExitCodes.FailedCheck, run.Exit);
        Assert.Contains("inconclusive", run.Err);
        Assert.Contains("Inconclusive", run.Out);
        Assert.Equal(0, Run("compare", "-k", "Simd", "-w", "16", "--height", "16", "-i", "20", "--runs", "2", "--warmup", "0", "--fail-on-regression", "--allow-inconclusive").Exit);
    }

    [Fact]
    public void BenchmarksGame_FormatPbm_StreamsTheTasksBitmap()
    {
        var path = Path.Combine(_folder, "bg.pbm");
        var (exit, text, _) = Run("render", "--preset", "benchmarksgame", "-n", "8", "--format", "pbm", "-o", path);
        Assert.Equal(0, exit);
        Assert.Equal("", text); // the image is the output; no summary
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("P4\n8 8\n"u8.ToArray(), bytes[..7]);
        Assert.Equal(new byte[] { 0x02, 0x00, 0x0F, 0x2F, 0xFF, 0x2F, 0x0F, 0x00 }, bytes[7..]); // derived by hand
    }

    [Fact]
    public void APbmOutput_IsDecidedByMembership_ForSimdKernels_AndFromCountsForOthers()
    {
        var membership = Path.Combine(_folder, "membership.pbm");
        var counted = Path.Combine(_folder, "counted.pbm");
        var fast = Run("render", "--preset", "benchmarksgame", "-n", "100", "-o", membership, "--format", "json");
        var reference = Run("render", "--preset", "benchmarksgame", "-n", "100", "-k", "Expanded", "-o", counted, "--format", "json");
        Assert.Equal(0, fast.Exit);
        Assert.Equal(0, reference.Exit);
        Assert.Equal(File.ReadAllBytes(counted), File.ReadAllBytes(membership));
        var (fastRow, referenceRow) = (OnlyRecord(fast.Out), OnlyRecord(reference.Out));
        Assert.Equal("MembershipFinalTest 100%", fastRow.GetProperty("CodePath").GetString());
        Assert.Equal(JsonValueKind.Null, fastRow.GetProperty("ValidationSum").ValueKind); // no counts were made
        Assert.True(referenceRow.GetProperty("ValidationSum").GetInt64() > 0);
        Assert.Equal(referenceRow.GetProperty("PixelsInSet").GetInt64(), fastRow.GetProperty("PixelsInSet").GetInt64());
    }

    private static JsonElement OnlyRecord(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Single();

    [Fact]
    public void Help_IsShownOnlyWhenAskedFor()
    {
        var (exit, text, _) = Run("measure", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--time-budget-seconds", text);
        Assert.Contains("--min-run-time-ms", text);
    }
}
