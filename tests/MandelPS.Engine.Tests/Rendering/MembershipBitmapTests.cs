using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>The streaming membership bitmap equals the counts-based PBM byte for byte, in bounded memory.</summary>
public sealed class MembershipBitmapTests
{
    public static TheoryData<int> Sizes()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(1, 64).Concat([200, 1001, 4001]))
        {
            data.Add(n);
        }

        return data;
    }

    private static byte[] Streamed(RenderPlan plan)
    {
        using var stream = new MemoryStream();
        MembershipBitmap.Write(plan, stream);
        return stream.ToArray();
    }

    private static byte[] FromCounts(RenderPlan plan)
    {
        using var stream = new MemoryStream();
        ImageWriter.Write(PreparedRender.RunOnce(plan), stream, ImageFormat.Pbm);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BenchmarksGame_EqualsTheCountsBasedBitmap(int n)
    {
        var plan = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = n }.PlanOne();
        Assert.Equal(FromCounts(plan), Streamed(plan));
    }

    public static TheoryData<string, Precision, VectorWidth> ViewportsAndWidths()
    {
        var data = new TheoryData<string, Precision, VectorWidth>();
        foreach (var scenario in new[] { "Tutorial", "DeepZoom", "BoundaryZoom", "Inside", "SevenByThirteen" })
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        foreach (var width in AcceleratedWidths.All)
        {
            data.Add(scenario, precision, width);
        }

        return data;
    }

    /// <summary>Long limits (where racing every iteration meets NaN and infinity) and every accelerated width.</summary>
    [Theory]
    [MemberData(nameof(ViewportsAndWidths))]
    public void AnyPlan_EqualsTheCountsBasedBitmap(string scenario, Precision precision, VectorWidth width)
    {
        var request = Kernels.Scenarios.Get(scenario) with { Kernel = "ParallelSimd", Precision = precision, Options = new KernelOptions { VectorWidth = width } };
        var plan = RenderPlan.Create(request);
        Assert.Equal(FromCounts(plan), Streamed(plan));
    }

    [Fact]
    public void ALargeBitmap_StreamsInBoundedMemory_AndIsMirrorSymmetric()
    {
        // 4096^2 counts would be 64 MB; the stream holds one band of packed rows (16 rows a worker, 512 bytes a row).
        var plan = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = 4096 }.PlanOne();
        var sink = new RowsSink(4096 / 8);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        MembershipBitmap.Write(plan, sink);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(4096L * 4096 / 8, sink.PixelBytes);
        Assert.Equal(4096 / 2 - 1, sink.MirroredPairs);
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated:N0} bytes while streaming");
    }

    /// <summary>
    /// Counts the pixel bytes after the header and keeps one hash per row, so row j can be checked against
    /// row N - j (the task's grid is symmetric about Ci = 0 for power-of-two N) without keeping the image.
    /// </summary>
    private sealed class RowsSink(int rowBytes) : Stream
    {
        private readonly List<ulong> _rowHashes = [];
        private readonly byte[] _row = new byte[rowBytes];
        private int _filled;
        private int _headerLines;

        public long PixelBytes { get; private set; }

        /// <summary>Rows j in 1..N/2-1 equal to row N - j.</summary>
        public int MirroredPairs => Enumerable.Range(1, _rowHashes.Count / 2 - 1).Count(j => _rowHashes[j] == _rowHashes[_rowHashes.Count - j]);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            foreach (var b in buffer)
            {
                if (_headerLines < 2)
                {
                    _headerLines += b == (byte)'\n' ? 1 : 0;
                    continue;
                }

                PixelBytes++;
                _row[_filled++] = b;
                if (_filled == _row.Length)
                {
                    _rowHashes.Add(System.IO.Hashing.XxHash64.HashToUInt64(_row));
                    _filled = 0;
                }
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
