using MandelPS.Engine.Errors;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Images;

public sealed class ImageWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-img-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Png_DecodesBackToTheSamePixels()
    {
        var gray = Enumerable.Range(0, 7 * 5).Select(v => (byte)(v * 7)).ToArray();
        using var stream = new MemoryStream();
        PngWriter.Write(stream, 7, 5, gray);
        var png = stream.ToArray();

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = ReadChunks(png);
        Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, chunks.Select(c => c.Type));
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]); // every PNG's IEND CRC
        var ihdr = chunks[0].Data;
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(ihdr));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(8, ihdr[8]);
        Assert.Equal(0, ihdr[9]);

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var scanlines = inflated.ToArray();
        Assert.Equal(5 * (1 + 7), scanlines.Length);
        for (var row = 0; row < 5; row++)
        {
            Assert.Equal(0, scanlines[row * 8]);
            Assert.Equal(gray.AsSpan(row * 7, 7).ToArray(), scanlines.AsSpan(row * 8 + 1, 7).ToArray());
        }
    }

    private static List<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        var at = 8;
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add((type, data));
            at += 12 + length;
        }

        return chunks;
    }

    [Fact]
    public void Pgm_HasHeaderThenOneBytePerPixel()
    {
        using var stream = new MemoryStream();
        PgmWriter.Write(stream, 3, 2, new byte[] { 1, 2, 3, 4, 5, 6 });
        var bytes = stream.ToArray();
        Assert.Equal("P5\n3 2\n255\n", Encoding.ASCII.GetString(bytes, 0, 11));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, bytes[11..]);
    }

    [Fact]
    public void Pbm_PacksRowsMostSignificantBitFirst_PaddingEachRow()
    {
        // 10 pixels wide: in-set pixels (count == max) at columns 0, 2, 9 -> 1010_0000 0100_0000.
        var counts = new[] { 5, 0, 5, 1, 2, 3, 4, 0, 1, 5 };
        using var stream = new MemoryStream();
        PbmWriter.Write(stream, 10, 1, counts, 5);
        var bytes = stream.ToArray();
        Assert.Equal("P4\n10 1\n", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(new byte[] { 0b1010_0000, 0b0100_0000 }, bytes[8..]);
    }

    [Fact]
    public void Write_RefusesToOverwrite_WithoutForce_AndKeepsTheOldFile()
    {
        var path = Path.Combine(_folder, "m.png");
        File.WriteAllText(path, "old");
        var result = MandelbrotEngine.Render(new RenderRequest { Width = 4, Height = 3, MaxIterations = 10 });

        Assert.Equal(ErrorKind.FileExists, Assert.Throws<MandelPSException>(() => ImageWriter.Write(result, path, ImageFormat.Png, overwrite: false)).Kind);
        Assert.Equal("old", File.ReadAllText(path));

        ImageWriter.Write(result, path, ImageFormat.Png, overwrite: true);
        Assert.Equal(0x89, File.ReadAllBytes(path)[0]);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void SafeFile_LeavesNothingBehind_WhenTheWriterFails()
    {
        var path = Path.Combine(_folder, "broken.pgm");
        Assert.Throws<InvalidOperationException>(() =>
            SafeFile.Write(path, overwrite: false, s => { s.WriteByte(1); throw new InvalidOperationException("boom"); }));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void SafeFile_LeavesNothingBehind_WhenCancelledMidWrite()
    {
        var path = Path.Combine(_folder, "big.png");
        var result = MandelbrotEngine.Render(new RenderRequest { Width = 64, Height = 400, MaxIterations = 10 });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ImageWriter.Write(result, path, ImageFormat.Png, overwrite: false, cancellation: cancel.Token));
        Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void SafeFile_ChecksTheTargetBeforeAnyWork_AndNamesTheUsersPath()
    {
        var missingFolder = Path.Combine(_folder, "no-such-folder", "m.png");
        var error = Assert.Throws<MandelPSException>(() => SafeFile.CheckTarget(missingFolder, overwrite: true));
        Assert.Equal(ErrorKind.WriteFailed, error.Kind);
        Assert.Contains("no-such-folder", error.Message);

        var folderInTheWay = Assert.Throws<MandelPSException>(() => SafeFile.CheckTarget(_folder, overwrite: true));
        Assert.Contains("is a folder", folderInTheWay.Message);

        // A write that fails midway names the user's file, never the temporary one.
        var path = Path.Combine(_folder, "m.pgm");
        var failed = Assert.Throws<MandelPSException>(() => SafeFile.Write(path, overwrite: false, _ => throw new IOException("disk full")));
        Assert.Equal(ErrorKind.WriteFailed, failed.Kind);
        Assert.Contains(path, failed.Message);
        Assert.DoesNotContain(".tmp", failed.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void FormatFromPath_RejectsUnknownExtensions_NamingTheAllowedOnes()
    {
        Assert.Equal(ImageFormat.Png, ImageWriter.FormatFromPath("a.PNG"));
        var error = Assert.Throws<MandelPSException>(() => ImageWriter.FormatFromPath("a.jpg"));
        Assert.Contains(".png, .ppm, .pgm, .pbm", error.Message);
    }
}
