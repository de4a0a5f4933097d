using MandelPS.Engine.Errors;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Formats;

namespace MandelPS.Engine.Tests.Comparison;

/// <summary>Saved result sets: CSV/JSON round trips and comparisons redone from the saved samples.</summary>
public sealed class ResultSetComparerTests
{
    private static KernelMeasurement Row(string kernel, double centre, string machine = "a", int seed = 1, int runs = 12)
    {
        var random = new Random(seed);
        var samples = Enumerable.Range(0, runs).Select(_ => centre * (1 + 0.02 * random.NextDouble())).ToArray();
        return new KernelMeasurement
        {
            Kernel = kernel, Width = 100, Height = 100, MaxIterations = 50, Precision = "Double", Grid = "Linear", Viewport = "-2,1,-1,1", VectorWidth = "Bits256",
            MedianMs = samples.Order().ElementAt(runs / 2), Runs = runs, SamplesMs = SampleText.Format(samples), ValidationSum = 1234,
            RunId = "one-run", // rows of one run: the test alone decides (drift between runs is tested in ComparisonTimingTests)
            ComputerName = machine, ProcessorName = "cpu", Settings = "harness=2",
        };
    }

    [Fact]
    public void Csv_RoundTripsEveryProperty()
    {
        var original = Row("Simd", 10);
        var csv = new StringWriter();
        RecordWriter.Write(csv, [original], OutputFormat.Csv);
        var back = Assert.Single(SavedResultsReader.ReadCsv(csv.ToString(), "Path", "test"));
        foreach (var property in typeof(KernelMeasurement).GetProperties())
        {
            Assert.Equal(property.GetValue(original), property.GetValue(back));
        }
    }

    [Fact]
    public void Compare_FlagsARegression_AndLeavesUnchangedRowsSame()
    {
        var (rows, warnings, missing) = ResultSetComparer.Compare(
            [Row("Simd", 10), Row("Expanded", 100)],
            [Row("Simd", 12.5, seed: 2), Row("Expanded", 100.5, seed: 3)], MeasurementSettings.Default);
        Assert.Empty(warnings);
        Assert.Empty(missing);
        Assert.Equal(Verdict.Slower, rows.Single(r => r.Kernel == "Simd").Verdict);
        Assert.True(rows.Single(r => r.Kernel == "Simd").IsRegression);
        Assert.Equal(Verdict.Same, rows.Single(r => r.Kernel == "Expanded").Verdict);
        Assert.All(rows, r => Assert.Equal(ComparisonMethod.Saved, r.Method));
        Assert.Empty(RegressionGate.Failures([.. rows.Where(r => r.Kernel == "Expanded")], missing));
        Assert.Contains("slower", Assert.Single(RegressionGate.Failures(rows, missing)));
    }

    [Fact]
    public void RowsOfDifferentRuns_AllowForTheLargerDrift_OrAreInconclusiveWithoutOne()
    {
        KernelMeasurement Of(string run, double ms, double? drift) => new(Row("Simd", ms)) { RunId = run, Drift = drift, SamplesMs = Row("Simd", ms).SamplesMs };
        var unknown = Assert.Single(ResultSetComparer.Compare([Of("a", 10, null)], [Of("b", 13, null)], MeasurementSettings.Default).Rows);
        Assert.Equal((Verdict.Inconclusive, (double?)null), (unknown.Verdict, unknown.Drift));
        var drifting = Assert.Single(ResultSetComparer.Compare([Of("a", 10, 0.02)], [Of("b", 13, 0.06)], MeasurementSettings.Default).Rows);
        Assert.Equal((Verdict.Slower, (double?)0.06), (drifting.Verdict, drifting.Drift));
        var within = Assert.Single(ResultSetComparer.Compare([Of("a", 10, 0.02)], [Of("b", 10.8, 0.06)], MeasurementSettings.Default).Rows);
        Assert.Equal(Verdict.Inconclusive, within.Verdict);
    }

    [Fact]
    public void Compare_WarnsWhenMachinesDiffer_OrRowsAreMissing()
    {
        var (rows, warnings, missing) = ResultSetComparer.Compare([Row("Simd", 10, "a"), Row("Naive", 300, "a")], [Row("Simd", 10, "b"), Row("Parallel", 5, "b")], MeasurementSettings.Default);
        Assert.Single(rows);
        Assert.Contains(warnings, w => w.Contains("different machines", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("Parallel", StringComparison.Ordinal) && w.Contains("no row", StringComparison.Ordinal));
        Assert.Contains("Naive", Assert.Single(missing), StringComparison.Ordinal);
        Assert.Contains(RegressionGate.Failures(rows, missing), f => f.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Gate_FailsClosed_WhenNothingWasCompared_OrARowFailedItsCheck_OrIsInconclusive()
    {
        Assert.Equal("nothing could be compared", Assert.Single(RegressionGate.Failures([], [])));
        var failed = Row("Simd", 10);
        var (rows, _, _) = ResultSetComparer.Compare([Row("Simd", 10)], [new KernelMeasurement(failed) { Status = MeasurementStatus.Failed, DifferingPixels = 7 }], MeasurementSettings.Default);
        Assert.Contains("correctness", Assert.Single(RegressionGate.Failures(rows, [])), StringComparison.Ordinal);
        Assert.False(rows[0].IsExact);

        var (few, _, _) = ResultSetComparer.Compare([Row("Simd", 10, runs: 3)], [Row("Simd", 10, seed: 2, runs: 3)], MeasurementSettings.Default);
        Assert.Equal(Verdict.Inconclusive, few[0].Verdict);
        Assert.NotEmpty(RegressionGate.Failures(few, []));
        Assert.Empty(RegressionGate.Failures(few, [], allowInconclusive: true));
    }

    [Fact]
    public void Load_ReadsJsonAndCsv_AndRefusesOtherFiles()
    {
        var folder = Directory.CreateTempSubdirectory("mandelps-saved-").FullName;
        try
        {
            var rows = new[] { Row("Simd", 10), Row("Naive", 300) };
            foreach (var (name, format) in new[] { ("r.json", OutputFormat.Json), ("r.csv", OutputFormat.Csv) })
            {
                var path = Path.Combine(folder, name);
                using (var writer = new StreamWriter(path))
                {
                    RecordWriter.Write(writer, rows, format);
                }

                Assert.Equal(["Simd", "Naive"], SavedResultsReader.Load(path, "Path").Select(r => r.Kernel));
                Assert.Equal(rows[1].SamplesMs, SavedResultsReader.Load(path, "Path")[1].SamplesMs);
            }

            File.WriteAllText(Path.Combine(folder, "x.txt"), "hello");
            Assert.Equal("Path", Assert.Throws<MandelPSException>(() => SavedResultsReader.Load(Path.Combine(folder, "x.txt"), "Path")).Parameter);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
