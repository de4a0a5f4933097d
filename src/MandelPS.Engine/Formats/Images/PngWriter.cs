using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// A minimal streaming PNG encoder: 8-bit grey or RGB, scanlines with filter type 0 (none) deflated
/// through one ZLibStream whose output is cut into IDAT chunks as it comes, so memory holds a chunk,
/// never the image. Escape-count images compress well enough without prediction.
/// </summary>
public sealed class PngWriter : IRowEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Stream _output;
    private readonly IdatStream _idat;
    private readonly ZLibStream _zlib;
    private readonly int _rowBytes;

    public PngWriter(Stream output, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNG rows here are grey (1) or RGB (3).");
        }

        _output = output;
        _rowBytes = width * channels;
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = (byte)(channels == 1 ? 0 : 2); // colour type: grey or truecolour
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR", header);
        _idat = new IdatStream(output);
        _zlib = new ZLibStream(_idat, CompressionLevel.Optimal, leaveOpen: true);
    }

    public void WriteRow(ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != _rowBytes)
        {
            throw new ArgumentException($"A row is {_rowBytes} bytes, not {pixels.Length}.", nameof(pixels));
        }

        _zlib.WriteByte(0); // filter: none
        _zlib.Write(pixels);
    }

    public void Finish()
    {
        _zlib.Dispose();
        _idat.Flush();
        WriteChunk(_output, "IEND", []);
    }

    public void Dispose()
    {
        _zlib.Dispose();
        _idat.Dispose();
    }

    /// <summary>A whole grey picture in one call (cost maps, small images).</summary>
    public static void Write(Stream stream, int width, int height, ReadOnlySpan<byte> gray, CancellationToken cancellation = default)
    {
        ImageWriter.RequireSize(width, height, gray.Length);
        using var png = new PngWriter(stream, width, height, 1);
        for (var row = 0; row < height; row++)
        {
            // Compression is the slow part of a large image: Ctrl+C must not wait for all of it.
            cancellation.ThrowIfCancellationRequested();
            png.WriteRow(gray.Slice(row * width, width));
        }

        png.Finish();
    }

    private static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        stream.Write(word);
    }

    /// <summary>Deflated bytes in, IDAT chunks of up to 256 KiB out.</summary>
    private sealed class IdatStream(Stream output) : Stream
    {
        private readonly byte[] _chunk = new byte[1 << 18];
        private int _filled;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var take = Math.Min(buffer.Length, _chunk.Length - _filled);
                buffer[..take].CopyTo(_chunk.AsSpan(_filled));
                _filled += take;
                buffer = buffer[take..];
                if (_filled == _chunk.Length)
                {
                    Flush();
                }
            }
        }

        public override void Flush()
        {
            if (_filled > 0)
            {
                WriteChunk(output, "IDAT", _chunk.AsSpan(0, _filled));
                _filled = 0;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
