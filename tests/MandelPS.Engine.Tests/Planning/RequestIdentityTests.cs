using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Engine.Tests.Planning;

/// <summary>
/// One identity per request, carried whole: a row written as CSV or JSON and read back plans to the same
/// identity and measures the same counts; a sweep compared with itself matches every row; changing any one
/// request column makes rows stop matching, and tiles stop merging where the change changes the counts.
/// </summary>
public sealed class RequestIdentityTests
{
    private static readonly MeasurementSettings QuickRuns = MeasurementSettings.From(runs: 6, warmup: 0, minRunTimeMs: 0);

    private static readonly string[] Formulas = ["z^2 + c", "z^3 + c", "conj(z)^2 + c", "(abs(re(z)) + abs(im(z))*i)^2 + c"];

    /// <summary>Requests drawn from a fixed seed over kernels, grids, viewports, formulas, block sizes, escape intervals, threads and precisions.</summary>
    public static IEnumerable<RequestSpec> Generated(int count, int seed)
    {
        var random = new Random(seed);
        var kernels = KernelRegistry.All.Where(k => k.Availability.IsAvailable && k.Name != "MultiProcess").ToList();
        for (var n = 0; n < count; n++)
        {
            var kernel = kernels[random.Next(kernels.Count)];
            var spec = new RequestSpec
            {
                Kernel = [kernel.Name],
                Precision = [kernel.Precisions[random.Next(kernel.Precisions.Count)]],
                MaxIterations = [random.Next(1, 80)],
            };
            spec = random.Next(6) switch
            {
                0 when kernel.Name != "DoubleDouble" => spec with { Preset = RenderPreset.BenchmarksGame, Size = random.Next(1, 24), MaxIterations = null },
                1 => spec with { TutorialSize = random.Next(2, 40) },
                _ => spec with
                {
                    Width = [random.Next(1, 24)],
                    Height = [random.Next(1, 24)],
                    Viewport = Viewport.Around(-0.75 + random.NextDouble() * 0.5, random.NextDouble() * 0.5, 0.01 + random.NextDouble() * 2, 0.01 + random.NextDouble() * 2),
                },
            };
            if (kernel.Honours(OptionName.Formula))
            {
                spec = spec with { Formula = Formulas[random.Next(Formulas.Length)], EscapeRadius = random.Next(2) == 0 ? null : 2 + random.Next(3) };
            }

            spec = kernel.Honours(OptionName.BlockSize) ? spec with { BlockSize = [random.Next(1, 500)] } : spec;
            spec = kernel.Honours(OptionName.EscapeInterval) ? spec with { EscapeInterval = [random.Next(1, 70)] } : spec;
            spec = kernel.Honours(OptionName.Threads) ? spec with { Threads = [random.Next(1, 4)] } : spec;
            yield return spec;
        }
    }

    public static TheoryData<string> Formats() => new("csv", "json");

    [Theory]
    [MemberData(nameof(Formats))]
    public void ARowSavedAndReadBack_PlansToTheSameIdentity_AndMeasuresTheSameCounts(string format)
    {
        var benchmark = new KernelBenchmark(MeasurementSettings.From(runs: 1, warmup: 0, minRunTimeMs: 0));
        var plans = Generated(60, seed: 7).Select(s => s.PlanOne()).ToList();
        var rows = benchmark.Measure(plans).ToList();
        var text = new StringWriter();
        RecordWriter.Write(text, rows, format == "csv" ? OutputFormat.Csv : OutputFormat.Json);
        var back = format == "csv" ? SavedResultsReader.ReadCsv(text.ToString(), "Path", "saved") : SavedResultsReader.ReadJson(text.ToString(), "Path", "saved");

        Assert.Equal(rows.Select(r => r.RequestKey), back.Select(r => r.RequestKey));
        Assert.Equal(plans.Select(p => p.Identity.RequestKey).Order(), rows.Select(r => r.RequestKey).Order()); // rows come baseline first
        var again = benchmark.Measure(back.Select(r => r.ToSpec().PlanOne()).ToList()).ToList();
        for (var k = 0; k < rows.Count; k++)
        {
            Assert.Equal(rows[k].RequestKey, again[k].RequestKey);
            if (KernelRegistry.Get(rows[k].Kernel).IsDeterministic)
            {
                Assert.True(rows[k].ValidationSum == again[k].ValidationSum, $"{rows[k].Describe()}: {rows[k].ValidationSum} then {again[k].ValidationSum}");
            }
        }
    }

    [Fact]
    public void ASweepComparedWithItself_MatchesEveryRow_AsSame_WithoutAWarning()
    {
        var sweep = new RequestSpec { Kernel = ["VectorBlocked", "LazyEscape", "Simd", "Parallel"], BlockSize = [64, 1024, 8192], EscapeInterval = [1, 8], Threads = [1, 2], Width = [40], Height = [30], MaxIterations = [200] }.Plan();
        var rows = new KernelBenchmark(QuickRuns).Measure(sweep.Plans).ToList();
        Assert.Equal(3 + 2 + 1 + 2, rows.Count);

        var compared = ResultSetComparer.Compare(rows, rows, QuickRuns);

        Assert.Empty(compared.Warnings);
        Assert.Empty(compared.Missing);
        Assert.Equal(rows.Count, compared.Rows.Count);
        Assert.All(compared.Rows, r => Assert.Equal(Verdict.Same, r.Verdict));
        Assert.Equal([64, 1024, 8192], compared.Rows.Where(r => r.Kernel == "VectorBlocked").Select(r => r.BlockSize!.Value));
    }

    /// <summary>Each request column, with a value other than the base row's.</summary>
    public static TheoryData<string, object?> Changes() => new()
    {
        { "Kernel", "ParallelSimd" }, { "Grid", "Tutorial" }, { "Preset", "BenchmarksGame" }, { "Size", 40 }, { "TutorialSize", 100 },
        { "Viewport", "-2,1,-1,1" }, { "Width", 41 }, { "Height", 31 }, { "MaxIterations", 201 }, { "Precision", "Single" },
        { "Formula", "z^3 + c" }, { "EscapeRadius", 3.0 }, { "Threads", 2 }, { "VectorWidth", "Bits128" }, { "BlockSize", 65 },
        { "EscapeInterval", 9 }, { "Device", "pocl0" }, { "GroupSize", 32 },
    };

    [Fact]
    public void EveryRequestColumn_IsAChange_Listed()
    {
        var listed = Changes().Select(c => (string)c[0]).Order();
        var columns = typeof(RequestColumns).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order();
        Assert.Equal(columns, listed);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void ChangingOneRequestColumn_MakesRowsNotMatch_AndEachSideWarns(string column, object? value)
    {
        var before = new KernelMeasurement
        {
            Kernel = "Simd", Viewport = "-2.13,0.77,-1.3,1.3", Width = 40, Height = 30, MaxIterations = 200, Precision = "Double",
            VectorWidth = "Bits256", SamplesMs = "1;1;1;1;1;1", MedianMs = 1,
        };
        var after = new KernelMeasurement(before) { SamplesMs = before.SamplesMs, MedianMs = 1 };
        typeof(RequestColumns).GetProperty(column)!.SetValue(after, value);
        Assert.NotEqual(before.RequestKey, after.RequestKey);

        var compared = ResultSetComparer.Compare([before], [after], QuickRuns);

        Assert.Empty(compared.Rows);
        Assert.Contains(compared.Warnings, w => w.Contains("no row in the reference set", StringComparison.Ordinal));
        Assert.Contains(compared.Warnings, w => w.Contains("no row in the difference set", StringComparison.Ordinal));
    }

    /// <summary>Two tiles of one render, the second asked with one thing changed: whether they still merge.</summary>
    public static TheoryData<string, bool> TileChanges() => new()
    {
        { "kernel", false }, { "viewport", false }, { "width", false }, { "height", false }, { "iterations", false }, { "precision", false },
        { "formula", false }, { "escape radius", false }, { "escape interval", false }, { "tutorial size", false }, { "preset size", false },
        { "threads", true }, { "vector width", true }, { "block size", true },
    };

    [Theory]
    [MemberData(nameof(TileChanges))]
    public void ATileOfAnotherRequest_IsRefused_UnlessOnlyItsSpeedDiffers(string change, bool merges)
    {
        var widths = AcceleratedWidthsOrSkip(change);
        var (first, second) = change switch
        {
            "kernel" => (Spec("Simd"), Spec("ParallelSimd")),
            "viewport" => (Spec("Simd"), Spec("Simd") with { Viewport = new Viewport(-2, 1, -1, 1) }),
            "width" => (Spec("Simd"), Spec("Simd") with { Width = [21] }),
            "height" => (Spec("Simd"), Spec("Simd") with { Height = [13] }),
            "iterations" => (Spec("Simd"), Spec("Simd") with { MaxIterations = [61] }),
            "precision" => (Spec("Simd"), Spec("Simd") with { Precision = [Precision.Single] }),
            "formula" => (Spec("FormulaCompiled"), Spec("FormulaCompiled") with { Formula = "z^3 + c" }),
            "escape radius" => (Spec("FormulaCompiled"), Spec("FormulaCompiled") with { EscapeRadius = 3 }),
            "escape interval" => (Spec("LazyEscape") with { EscapeInterval = [64] }, Spec("LazyEscape") with { EscapeInterval = [1] }),
            "tutorial size" => (new RequestSpec { TutorialSize = 24, MaxIterations = [60] }, new RequestSpec { TutorialSize = 25, MaxIterations = [60] }),
            "preset size" => (new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 12 }, new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 13 }),
            "threads" => (Spec("ParallelSimd") with { Threads = [1] }, Spec("ParallelSimd") with { Threads = [2] }),
            "vector width" => (Spec("Simd") with { VectorWidth = widths[0] }, Spec("Simd") with { VectorWidth = widths[^1] }),
            "block size" => (Spec("VectorBlocked") with { BlockSize = [7] }, Spec("VectorBlocked") with { BlockSize = [64] }),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        var folder = Directory.CreateTempSubdirectory("mandelps-identity-").FullName;
        try
        {
            var paths = new[] { Path.Combine(folder, "t0.mtile"), Path.Combine(folder, "t1.mtile") };
            Tile(first, 0, paths[0]);
            Tile(second, 1, paths[1]);
            if (merges)
            {
                var tiles = TileSet.Open(paths);
                var whole = MandelbrotEngine.Render(first.PlanOne().Request);
                var merged = TileMerge.ToResult(tiles);
                Assert.Equal(whole.Counts, merged.Counts);
            }
            else
            {
                var refused = Assert.Throws<MandelPSException>(() => TileSet.Open(paths));
                Assert.Contains(paths[1], refused.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RequestSpec Spec(string kernel) => new() { Kernel = [kernel], Width = [20], Height = [12], MaxIterations = [60] };

    private static void Tile(RequestSpec spec, int index, string path)
    {
        var target = RenderTarget.Tile(path, index, 2, overwrite: false);
        MandelbrotEngine.Run(MandelbrotEngine.Plan(spec, target), target);
    }

    /// <summary>Two accelerated widths for the vector-width case (this machine has at least Bits128 and Bits256 wherever .NET runs SIMD).</summary>
    private static VectorWidth[] AcceleratedWidthsOrSkip(string change) =>
        change != "vector width" ? [VectorWidth.Auto] : [.. Engine.Kernels.Simd.AcceleratedWidths.All];
}
