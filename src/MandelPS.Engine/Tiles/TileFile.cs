using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Tiles;

/// <summary>
/// The tile file format, version 2: the 8 bytes "MPSTILE\n", the version (uint32 LE), the header's length
/// (uint32 LE) and its UTF-8 JSON (<see cref="TileHeader"/>), the counts (int32 LE, row-major, Rows x
/// Width), then the XxHash64 of every byte before it (uint64 LE), so a damaged or cut-off tile is
/// refused rather than merged.
/// </summary>
public static class TileFile
{
    public const string Extension = ".mtile";

    /// <summary>2: the header carries the whole request's columns and its counts key (version 1 keyed tiles on the problem without the formula or the kernel's settings).</summary>
    public const int Version = 2;

    private static readonly byte[] Magic = "MPSTILE\n"u8.ToArray();

    /// <summary>Counts read or written at a time: bounded memory whatever the tile's size.</summary>
    private const int ChunkPixels = 1 << 20;

    /// <summary>Refuses, before any work, a tile path that does not end in <see cref="Extension"/> (a tile is not an image).</summary>
    public static void RequirePath(string path, string parameter = "Path")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!string.Equals(System.IO.Path.GetExtension(path), Extension, StringComparison.OrdinalIgnoreCase))
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' does not end in {Extension}; a tile is counts with their request, merged into an image later", path);
        }
    }

    public static void Write(Stream output, TileHeader header, ReadOnlySpan<int> counts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        if ((long)header.Rows * header.Width != counts.Length)
        {
            throw new ArgumentException($"The header says {header.Width}x{header.Rows} but there are {counts.Length} counts.", nameof(counts));
        }

        var hash = new XxHash64();
        var json = header.ToJson();
        Span<byte> word = stackalloc byte[8];
        Emit(output, hash, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(word, Version);
        Emit(output, hash, word[..4]);
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)json.Length);
        Emit(output, hash, word[..4]);
        Emit(output, hash, json);
        var bytes = new byte[Math.Min(counts.Length, ChunkPixels) * sizeof(int)];
        for (var at = 0; at < counts.Length; at += ChunkPixels)
        {
            var chunk = counts.Slice(at, Math.Min(ChunkPixels, counts.Length - at));
            for (var k = 0; k < chunk.Length; k++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(k * sizeof(int)), chunk[k]);
            }

            Emit(output, hash, bytes.AsSpan(0, chunk.Length * sizeof(int)));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(word, hash.GetCurrentHashAsUInt64());
        output.Write(word);
    }

    /// <summary>
    /// Reads a tile's header and checks the whole file: magic, version, header, length and checksum. Counts
    /// are streamed through the hash, never held. <paramref name="name"/> (the user's path) names it in errors.
    /// </summary>
    public static TileHeader ReadVerified(Stream input, string name, CancellationToken cancellation = default)
    {
        var (header, hash) = ReadHeader(input, name);
        var remaining = (long)header.Rows * header.Width * sizeof(int);
        var buffer = new byte[(int)Math.Min(remaining, ChunkPixels * sizeof(int))];
        while (remaining > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var take = (int)Math.Min(remaining, buffer.Length);
            ReadExactly(input, buffer.AsSpan(0, take), name, "its counts are cut off");
            hash.Append(buffer.AsSpan(0, take));
            remaining -= take;
        }

        Span<byte> word = stackalloc byte[8];
        ReadExactly(input, word, name, "its checksum is missing");
        if (BinaryPrimitives.ReadUInt64LittleEndian(word) != hash.GetCurrentHashAsUInt64())
        {
            throw Corrupted(name, "its checksum does not match its contents (the file is damaged)");
        }

        if (input.ReadByte() != -1)
        {
            throw Corrupted(name, "it has bytes after its checksum");
        }

        return header;
    }

    /// <summary>
    /// Reads a tile's counts, <paramref name="rowsPerChunk"/> rows at a time, into <paramref name="chunk"/>
    /// (the file was checked by <see cref="ReadVerified"/>).
    /// </summary>
    public static void ReadCounts(Stream input, string name, int rowsPerChunk, Action<int, ReadOnlyMemory<int>> chunk, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var (header, _) = ReadHeader(input, name);
        var counts = new int[Math.Min(header.Rows, rowsPerChunk) * header.Width];
        for (var row = 0; row < header.Rows; row += rowsPerChunk)
        {
            cancellation.ThrowIfCancellationRequested();
            var rows = Math.Min(rowsPerChunk, header.Rows - row);
            var span = counts.AsSpan(0, rows * header.Width);
            ReadExactly(input, MemoryMarshal.AsBytes(span), name, "its counts are cut off");
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(span, span);
            }

            chunk(row, counts.AsMemory(0, rows * header.Width));
        }
    }

    /// <summary>A whole tile in memory: its header and counts, checked (a worker's answer, a small tile).</summary>
    public static (TileHeader Header, int[] Counts) Read(byte[] tile, string name)
    {
        ArgumentNullException.ThrowIfNull(tile);
        using var check = new MemoryStream(tile, writable: false);
        var header = ReadVerified(check, name);
        var counts = new int[header.Rows * header.Width];
        using var input = new MemoryStream(tile, writable: false);
        ReadCounts(input, name, Math.Max(1, header.Rows), (_, all) => all.Span.CopyTo(counts));
        return (header, counts);
    }

    private static (TileHeader Header, XxHash64 Hash) ReadHeader(Stream input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        var hash = new XxHash64();
        Span<byte> start = stackalloc byte[16];
        if (input.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length || !start[..8].SequenceEqual(Magic))
        {
            throw Corrupted(name, $"it is not a MandelPS tile (no \"MPSTILE\" signature; tiles are written by @@render @TileCount)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(start[8..]);
        if (version != Version)
        {
            throw Corrupted(name, version < Version
                ? $"it is a version {version} tile, made by an earlier MandelPS; this one reads version {Version}: render the tile again"
                : $"it is a version {version} tile, made by a later MandelPS; this one reads version {Version}");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(start[12..]);
        if (length > 1 << 20)
        {
            throw Corrupted(name, "its header is damaged");
        }

        hash.Append(start);
        var json = new byte[length];
        ReadExactly(input, json, name, "its header is cut off");
        hash.Append(json);
        var header = TileHeader.FromJson(json);
        if (header is null || header.CountsKey.Length == 0 || header.Width < 1 || header.Rows < 1 || header.Height < 1 || header.FirstRow < 0
            || header.FirstRow + (long)header.Rows > header.Height || (long)header.Rows * header.Width > Array.MaxLength)
        {
            throw Corrupted(name, "its header is damaged");
        }

        return (header, hash);
    }

    private static void Emit(Stream output, XxHash64 hash, ReadOnlySpan<byte> bytes)
    {
        hash.Append(bytes);
        output.Write(bytes);
    }

    private static void ReadExactly(Stream input, Span<byte> buffer, string name, string problem)
    {
        if (input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw Corrupted(name, problem);
        }
    }

    internal static MandelPSException Corrupted(string name, string problem) =>
        new(ErrorKind.BadSavedResults, null, $"tile '{name}': {problem}", name);
}
