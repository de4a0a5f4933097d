using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Output;

namespace MandelPS.Engine.Tests.Comparison;

/// <summary>Saved result sets: CSV/JSON round trips and comparisons redone from the saved samples.</summary>
public sealed class ResultSetComparerTests
{
    private static KernelMeasurement Row(string kernel, double centre, string machine = "a", int seed = 1)
    {
        var random = new Random(seed);
        var samples = Enumerable.Range(0, 12).Select(_ => centre * (1 + 0.02 * random.NextDouble())).ToArray();
        return new KernelMeasurement
        {
            Kernel = kernel, Width = 100, Height = 100, MaxIterations = 50, Precision = "Double", Grid = "Linear", Threads = 1,
            MedianMs = samples.Order().ElementAt(6), Runs = 12, SamplesMs = SampleText.Format(samples), ValidationSum = 1234,
            ComputerName = machine, ProcessorName = "cpu", Settings = "harness=2",
        };
    }

    [Fact]
    public void Csv_RoundTripsEveryProperty()
    {
        var original = Row("Simd", 10);
        var csv = new StringWriter();
        RecordWriter.Write(csv, [original], OutputFormat.Csv);
        var back = SavedResults.FromFields(CsvReader.Read(new StringReader(csv.ToString())).Single());
        foreach (var property in typeof(KernelMeasurement).GetProperties())
        {
            Assert.Equal(property.GetValue(original), property.GetValue(back));
        }
    }

    [Fact]
    public void Compare_FlagsARegression_AndLeavesUnchangedRowsSame()
    {
        var (rows, warnings) = ResultSetComparer.Compare(
            [Row("Simd", 10), Row("Expanded", 100)],
            [Row("Simd", 12.5, seed: 2), Row("Expanded", 100.5, seed: 3)]);
        Assert.Empty(warnings);
        Assert.Equal("Slower", rows.Single(r => r.Kernel == "Simd").Verdict);
        Assert.True(rows.Single(r => r.Kernel == "Simd").IsRegression);
        Assert.Equal("Same", rows.Single(r => r.Kernel == "Expanded").Verdict);
        Assert.All(rows, r => Assert.Equal("Saved", r.Method));
    }

    [Fact]
    public void Compare_WarnsWhenMachinesDiffer_OrRowsAreMissing()
    {
        var (rows, warnings) = ResultSetComparer.Compare([Row("Simd", 10, "a")], [Row("Simd", 10, "b"), Row("Parallel", 5, "b")]);
        Assert.Single(rows);
        Assert.Contains(warnings, w => w.Contains("different machines"));
        Assert.Contains(warnings, w => w.Contains("Parallel") && w.Contains("no row"));
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

                Assert.Equal(["Simd", "Naive"], SavedResults.Load(path).Select(r => r.Kernel));
                Assert.Equal(rows[1].SamplesMs, SavedResults.Load(path)[1].SamplesMs);
            }

            Assert.Equal("Path", Assert.Throws<MandelPS.Engine.Problem.RequestValidationException>(() => SavedResults.Load(Path.Combine(folder, "x.txt"))).ParamName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
