using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tests.Kernels;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>A render computed band by band is bit-identical to the whole render, writes the same image, and leaves no file when stopped.</summary>
public sealed class BandedRenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-band-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, int> KernelsScenariosAndBands()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var kernel in KernelRegistry.All.Where(k => k.IsRowLocal && k.Availability.IsAvailable && k.IsDeterministic))
        foreach (var scenario in new[] { "Tutorial", "SevenByThirteen", "DeepZoom", "TutorialGrid", "BenchmarksGame" })
        foreach (var rows in new[] { 1, 3, 64 })
        {
            // MultiProcess starts worker processes for every band: one band height on the small scenarios
            // says it bands right (MultiProcessKernelTests and the shape matrix cover the rest).
            if (kernel.Name != "MultiProcess" || (rows == 3 && scenario is "SevenByThirteen" or "DeepZoom"))
            {
                data.Add(kernel.Name, scenario, rows);
            }
        }

        return data;
    }

    private static int[] Banded(RenderPlan plan, int rowsPerBand)
    {
        var counts = new int[plan.Grid.PixelCount];
        var bands = new BandedRender(plan, null, rowsPerBand);
        var next = 0;
        bands.ForEachBand((band, chunk) =>
        {
            Assert.Equal(next, band.First);
            chunk.Span.CopyTo(counts.AsSpan(band.First * plan.Width));
            next = band.End;
        }, default);
        Assert.Equal(plan.Height, next);
        return counts;
    }

    [Theory]
    [MemberData(nameof(KernelsScenariosAndBands))]
    public void EveryRowLocalKernel_InBands_EqualsItsWholeRender(string kernel, string scenario, int rowsPerBand)
    {
        var plan = RenderPlan.Create(Scenarios.Get(scenario) with { Kernel = kernel });
        var whole = PreparedRender.RunOnce(plan);
        Assert.Equal(whole.Counts, Banded(plan, rowsPerBand));
    }

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Totals_AddUpBandByBand_ToTheWholeRendersFigures(Precision precision)
    {
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Kernel = "ParallelSimd", Precision = precision });
        var whole = PreparedRender.RunOnce(plan);
        var bands = new BandedRender(plan, null, 7);
        bands.ForEachBand((_, _) => { }, default);
        var summary = bands.Summary(null);
        Assert.Equal(whole.ValidationSum, summary.ValidationSum);
        Assert.Equal(whole.TotalIterations, summary.TotalIterations);
        var inSet = whole.Counts.LongCount(n => n >= plan.MaxIterations);
        Assert.InRange(inSet, 1, plan.Width * plan.Height - 1);
        Assert.Equal(inSet, summary.PixelsInSet);
        Assert.Equal(inSet, RenderSummary.From(whole, null).PixelsInSet);
    }

    [Fact]
    public void AKernelThatAddsToTheWholeImage_RunsAsOneBand()
    {
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Kernel = "BuddhabrotPrivate" });
        Assert.Equal(plan.Height, new BandedRender(plan, null, 3).RowsPerBand);
        var error = Assert.Throws<MandelPSException>(() => plan.Rows(new RowBand(0, 3)));
        Assert.Equal("Kernel", error.Parameter);
    }

    public static TheoryData<ImageFormat, PaletteName, ColorScale> Styles() => new()
    {
        { ImageFormat.Png, PaletteName.Classic, ColorScale.Logarithmic },
        { ImageFormat.Png, PaletteName.Grey, ColorScale.Histogram },
        { ImageFormat.Png, PaletteName.Fire, ColorScale.Histogram },
        { ImageFormat.Ppm, PaletteName.Ocean, ColorScale.Logarithmic },
        { ImageFormat.Ppm, PaletteName.Grey, ColorScale.Logarithmic },
        { ImageFormat.Pgm, PaletteName.Grey, ColorScale.Histogram },
        { ImageFormat.Pbm, PaletteName.Classic, ColorScale.Logarithmic },
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public void AStreamedImage_EqualsTheImageOfTheCountsInMemory(ImageFormat format, PaletteName palette, ColorScale scale)
    {
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Kernel = "ParallelSimd", Width = 203, Height = 117 });
        var style = new ImageStyle(palette, scale);
        Assert.Equal(Image(PreparedRender.RunOnce(plan), format, style), Image(new BandedRender(plan, null, 5), format, style));
    }

    private static byte[] Image(ICountSource source, ImageFormat format, ImageStyle style)
    {
        using var stream = new MemoryStream();
        ImageWriter.Write(source, stream, format, style);
        return stream.ToArray();
    }

    [Fact]
    public void ABigRequest_IsPlannedForStreaming_ButRefusedInMemory()
    {
        var spec = new RequestSpec { Width = [100_000], Height = [100_000] };
        Assert.Equal(100_000, spec.PlanOne(countsInMemory: false).Height);
        Assert.Equal("Width", Assert.Throws<MandelPSException>(() => spec.PlanOne()).Parameter);
    }

    [Fact]
    public void CancelledAtRandomPoints_LeavesNoFile()
    {
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Kernel = "ParallelSimd", Width = 640, Height = 480, MaxIterations = 200 });
        var random = new Random(15);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var path = Path.Combine(_folder, $"cancelled{attempt}.png");
            using var cancel = new CancellationTokenSource();
            // Cancel after a random number of rows have been encoded (or bands computed): any point of the stream.
            var stopAfterBands = random.Next(0, 12);
            var seen = 0;
            var bands = new BandedRender(plan, _ =>
            {
                if (seen++ == stopAfterBands)
                {
                    cancel.Cancel();
                }
            }, 40);
            Assert.ThrowsAny<OperationCanceledException>(() =>
                ImageWriter.Write(bands, path, ImageFormat.Png, overwrite: false, new ImageStyle(Scale: attempt % 2 == 0 ? ColorScale.Logarithmic : ColorScale.Histogram), cancellation: cancel.Token));
            Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public void CancelledByATimer_LeavesNoFile()
    {
        // Seconds of work: every timer below (at most 60 ms) fires long before the render could finish, however loaded the machine.
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Kernel = "Expanded", Width = 1200, Height = 1200, MaxIterations = 5000 });
        var random = new Random(42);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(1, 60)));
            var path = Path.Combine(_folder, $"timed{attempt}.ppm");
            Assert.ThrowsAny<OperationCanceledException>(() =>
                ImageWriter.Write(new BandedRender(plan, null, 16), path, ImageFormat.Ppm, overwrite: false, cancellation: cancel.Token));
            Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public void AStreamThatFailsMidway_LeavesNoFile_AndNamesTheUsersPath()
    {
        var plan = RenderPlan.Create(Scenarios.Tutorial with { Kernel = "ParallelSimd", Width = 500, Height = 400 });
        var path = Path.Combine(_folder, "full-disk.png");
        var error = Assert.Throws<MandelPSException>(() => SafeFile.Write(path, overwrite: false,
            stream => ImageWriter.Write(new BandedRender(plan, null, 10), new FailingStream(stream, failAfter: 30_000), ImageFormat.Png)));
        Assert.Equal(ErrorKind.WriteFailed, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    /// <summary>A disk that fills up: writes pass through until <c>failAfter</c> bytes, then throw as a full disk does.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written += buffer.Length;
            if (_written > failAfter)
            {
                throw new IOException("No space left on device");
            }

            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
