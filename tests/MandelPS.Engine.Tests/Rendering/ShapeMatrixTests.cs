using System.Text;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>
/// Every available kernel, on every shape from 1x1 to 17x17 and the extremes 1000x1 and 1x1000, into every
/// target the engine runs a plan into (counts, summary, each image format to a stream and to a file, tiles,
/// a measurement, a comparison): no internal error, and every target agrees with the counts, which equal
/// the reference's for exact kernels. Short and narrow images once crashed the banded path alone.
/// </summary>
public sealed class ShapeMatrixTests : IDisposable
{
    private static readonly MeasurementSettings OneQuickRun = MeasurementSettings.From(runs: 1, warmup: 0, minRunTimeMs: 0);

    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-shapes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Every shape 1..17 x 1..17, and 1000x1, 1x1000; MultiProcess (child processes on every run, a quarter of a
    /// second each) on the corners of that square and the short shapes that once crashed the banded path.
    /// </summary>
    public static IEnumerable<(int Width, int Height)> Shapes(string kernel)
    {
        var square = from w in Enumerable.Range(1, 17) from h in Enumerable.Range(1, 17) select (w, h);
        var edges = new[] { (1, 1), (17, 1), (8, 3), (17, 17) };
        return (kernel == "MultiProcess" ? edges : square).Concat([(1000, 1), (1, 1000)]);
    }

    public static TheoryData<string> Kernels() => new(KernelRegistry.All.Where(k => k.Availability.IsAvailable).Select(k => k.Name));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryShape_IntoEveryTarget_AgreesWithTheCounts(string kernel)
    {
        var definition = KernelRegistry.Get(kernel);
        foreach (var (width, height) in Shapes(kernel))
        {
            var spec = new RequestSpec { Kernel = [kernel], Width = [width], Height = [height], MaxIterations = [60], Viewport = new Viewport(-1.9, 0.6, -1.1, 1.1) };
            var where = $"{kernel} {width}x{height}";
            var counts = Run(spec, RenderTarget.Counts()).Result!;
            Assert.Equal((width, height), (counts.Width, counts.Height));
            // A row the unsynchronised row counter skipped keeps its marker count; no other kernel writes one below zero.
            var lowest = kernel == "ParallelUnsynchronized" ? ParallelUnsynchronizedKernel.Skipped : 0;
            Assert.All(counts.Counts, c => Assert.InRange(c, lowest, definition.Family == KernelFamily.SharedData ? int.MaxValue : 60));
            if (definition.IsExact)
            {
                var reference = MandelbrotEngine.Render(counts.Plan.Reference().Request);
                Assert.True(reference.Counts.SequenceEqual(counts.Counts), $"{where}: counts differ from {reference.Kernel}'s");
            }

            // A kernel whose counts vary run to run (unsynchronised increments) is only checked to finish.
            var same = definition.IsDeterministic;
            var summary = Run(spec, RenderTarget.Summary).Summary;
            Assert.True(!same || (summary.ValidationSum, summary.TotalIterations) == (counts.ValidationSum, counts.TotalIterations), $"{where}: the summary's figures differ");

            foreach (var format in Enum.GetValues<ImageFormat>())
            {
                using var stream = new MemoryStream();
                Run(spec, RenderTarget.Image(stream, format));
                var bytes = stream.ToArray();
                CheckImage(bytes, format, counts, same, where);
                var path = Path.Combine(_folder, $"{kernel}.{format.ToString().ToLowerInvariant()}");
                Run(spec, RenderTarget.Image(path, overwrite: true));
                Assert.True(!same || File.ReadAllBytes(path).SequenceEqual(bytes), $"{where}: the {format} file differs from the stream");
            }

            CheckTiles(spec, counts, same, where);
            var measured = new KernelBenchmark(OneQuickRun).Measure(counts.Plan.Identity.ToSpec().Plan().Plans).Single();
            Assert.True(!same || measured.ValidationSum == counts.ValidationSum, $"{where}: the measurement's validation sum differs");
            Assert.True(!definition.IsExact || measured.Status == MeasurementStatus.Ok, $"{where}: the measurement failed its check");
            var compared = new KernelComparer(OneQuickRun).Compare([counts.Plan], null, Precision.Double).Single();
            Assert.True(!definition.IsExact || compared.IsExact || definition.Reference != RenderRequest.DefaultKernel, $"{where}: the comparison found a loss");
        }
    }

    private static RenderOutcome Run(RequestSpec spec, RenderTarget target) =>
        MandelbrotEngine.Run(MandelbrotEngine.Plan(spec, target), target);

    private static void CheckImage(byte[] bytes, ImageFormat format, RenderResult counts, bool same, string where)
    {
        var (w, h) = (counts.Width, counts.Height);
        if (format == ImageFormat.Png)
        {
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), $"{where}: not a PNG");
            Assert.Equal((w, h), (BigEndian(bytes, 16), BigEndian(bytes, 20)));
            return;
        }

        var (magic, channels) = format switch { ImageFormat.Pbm => ("P4", 0), ImageFormat.Pgm => ("P5", 1), _ => ("P6", 3) };
        var header = $"{magic}\n{w} {h}\n{(channels > 0 ? "255\n" : "")}";
        Assert.Equal(header, Encoding.ASCII.GetString(bytes, 0, header.Length));
        var rowBytes = channels == 0 ? (w + 7) / 8 : w * channels;
        Assert.Equal(header.Length + rowBytes * h, bytes.Length);
        if (channels == 0 && same)
        {
            // A PBM is membership: bit set where the orbit never escaped, whichever path made it.
            for (var j = 0; j < h; j++)
            for (var i = 0; i < w; i++)
            {
                var bit = (bytes[header.Length + j * rowBytes + i / 8] >> (7 - i % 8)) & 1;
                Assert.True(bit == (counts.Counts[j * w + i] >= counts.MaxIterations ? 1 : 0), $"{where}: PBM bit ({i}, {j}) is wrong");
            }
        }
    }

    private void CheckTiles(RequestSpec spec, RenderResult counts, bool same, string where)
    {
        if (!counts.Plan.Kernel.IsRowLocal)
        {
            var refused = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Plan(spec, RenderTarget.Tile(Stream.Null, 0, 1)));
            Assert.Equal((ErrorKind.InvalidRequest, "TileCount"), (refused.Kind, refused.Parameter));
            return;
        }

        for (var count = 1; count <= Math.Min(counts.Height, 3); count++)
        {
            var merged = new int[counts.Counts.Length];
            for (var index = 0; index < count; index++)
            {
                using var stream = new MemoryStream();
                var summary = Run(spec, RenderTarget.Tile(stream, index, count)).Summary;
                Assert.Equal((index, count), (summary.TileIndex, summary.TileCount));
                var (header, tile) = TileFile.Read(stream.ToArray(), where);
                tile.CopyTo(merged.AsSpan(header.FirstRow * counts.Width));
            }

            Assert.True(!same || merged.SequenceEqual(counts.Counts), $"{where}: {count} tiles differ from the counts");
        }

        var path = Path.Combine(_folder, "tile.mtile");
        Run(spec, RenderTarget.Tile(path, 0, 1, overwrite: true));
        Assert.True(!same || TileFile.Read(File.ReadAllBytes(path), path).Counts.SequenceEqual(counts.Counts), $"{where}: the tile file differs");
    }

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
