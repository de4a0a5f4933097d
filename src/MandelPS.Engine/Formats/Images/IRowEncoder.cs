namespace MandelPS.Engine.Formats.Images;

/// <summary>An image file written a row of pixels at a time, top to bottom, so no format holds the whole picture. Disposing without <see cref="Finish"/> abandons the file.</summary>
public interface IRowEncoder : IDisposable
{
    /// <summary>One row: width * channels bytes.</summary>
    void WriteRow(ReadOnlySpan<byte> pixels);

    /// <summary>Writes what follows the last row (a PNG's final IDAT and IEND); the stream stays open.</summary>
    void Finish();
}
