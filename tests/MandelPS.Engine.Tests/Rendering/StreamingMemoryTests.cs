using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>
/// Streamed images hold a band or a ring of rows, not the image: measured by the process's allocations,
/// so these run alone (<see cref="AllocationMeasurements"/>).
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class StreamingMemoryTests
{
    [Fact]
    public void ALargeImage_StreamsInBoundedMemory()
    {
        // 4096^2 counts alone would be 64 MB and the RGB pixels 48 MB; the stream holds a band of each.
        var plan = new RequestSpec { Kernel = ["ParallelSimd"], Width = [4096], Height = [4096], MaxIterations = [20] }.PlanOne(countsInMemory: false);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        ImageWriter.Write(new BandedRender(plan), Stream.Null, ImageFormat.Png);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 40L * 1024 * 1024, $"allocated {allocated:N0} bytes while streaming");
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
