using System.Text;

namespace MandelPS.Engine.Formats.Images;

/// <summary>Netpbm binary graymap (P5, one byte a pixel) or pixmap (P6, R, G, B): a text header, then rows as they come.</summary>
public sealed class PnmWriter : IRowEncoder
{
    private readonly Stream _output;
    private readonly int _rowBytes;

    public PnmWriter(Stream output, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNM rows here are grey (1, P5) or RGB (3, P6).");
        }

        _output = output;
        _rowBytes = width * channels;
        output.Write(Encoding.ASCII.GetBytes($"{(channels == 1 ? "P5" : "P6")}\n{width} {height}\n255\n"));
    }

    public void WriteRow(ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != _rowBytes)
        {
            throw new ArgumentException($"A row is {_rowBytes} bytes, not {pixels.Length}.", nameof(pixels));
        }

        _output.Write(pixels);
    }

    public void Finish()
    {
    }

    public void Dispose()
    {
    }
}
