using MandelPS.Engine.Errors;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// Writes counts as an image file (through <see cref="SafeFile"/>: never half-written, Ctrl+C leaves
/// nothing), a band at a time: each band's rows are coloured and encoded before the next band is asked
/// for, so a streamed render holds one band of counts and one row of pixels whatever the image's size.
/// </summary>
public static class ImageWriter
{
    /// <summary>The format implied by a file extension (.png, .ppm, .pgm, .pbm).</summary>
    public static ImageFormat FormatFromPath(string path, string parameter = "Path")
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".pgm" => ImageFormat.Pgm,
            ".png" => ImageFormat.Png,
            ".pbm" => ImageFormat.Pbm,
            ".ppm" => ImageFormat.Ppm,
            var other => throw MandelPSException.Invalid(parameter,
                $"'{(other.Length == 0 ? "(no extension)" : other)}' is not a supported image extension; allowed: .png, .ppm, .pgm, .pbm", path),
        };
    }

    /// <summary>Writes the counts to a file in a style (default: <see cref="ImageStyle.DefaultFor"/> the format), or as set membership (PBM).</summary>
    public static void Write(ICountSource source, string path, ImageFormat format, bool overwrite, ImageStyle? style = null,
        string parameter = "Path", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        style ??= ImageStyle.DefaultFor(format);
        style.Check(format, path);
        SafeFile.Write(path, overwrite, stream => Write(source, stream, format, style, cancellation), parameter);
    }

    /// <summary>Writes an 8-bit grayscale picture (PGM or PNG) to a file, never half-written.</summary>
    public static void WriteGray(string path, int width, int height, byte[] gray, ImageFormat format, bool overwrite, string parameter = "Path")
    {
        if (format is not (ImageFormat.Png or ImageFormat.Pgm))
        {
            throw MandelPSException.Invalid(parameter, $"a grayscale picture cannot be written as .{format.ToString().ToLowerInvariant()}; allowed: .png, .pgm", path);
        }

        SafeFile.Write(path, overwrite, stream =>
        {
            if (format == ImageFormat.Png)
            {
                PngWriter.Write(stream, width, height, gray);
            }
            else
            {
                PgmWriter.Write(stream, width, height, gray);
            }
        }, parameter);
    }

    /// <summary>Writes the counts to a stream in a style (PNG, PPM, PGM) or as set membership (PBM).</summary>
    public static void Write(ICountSource source, Stream stream, ImageFormat format, ImageStyle? style = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stream);
        if (format == ImageFormat.Pbm)
        {
            WriteMembership(source, stream, cancellation);
            return;
        }

        style ??= ImageStyle.DefaultFor(format);
        // Histogram equalisation needs every count before the first pixel: a pass of its own.
        var histogram = style.Scale == ColorScale.Histogram ? CountHistogram.Of(source, cancellation) : null;
        var colouring = new CountColouring(style, source.MaxIterations, histogram);
        var channels = format switch
        {
            ImageFormat.Ppm => 3,
            ImageFormat.Pgm => 1,
            _ => colouring.Channels,
        };
        using IRowEncoder encoder = format == ImageFormat.Png
            ? new PngWriter(stream, source.Width, source.Height, channels)
            : new PnmWriter(stream, source.Width, source.Height, channels);
        var width = source.Width;
        var pixels = new byte[width * channels];
        source.ForEachBand((band, counts) =>
        {
            for (var row = 0; row < band.Count; row++)
            {
                // Encoding is the slow part of a large image: Ctrl+C must not wait for a whole band.
                cancellation.ThrowIfCancellationRequested();
                colouring.Map(counts.Span.Slice(row * width, width), pixels, channels);
                encoder.WriteRow(pixels);
            }
        }, cancellation);
        encoder.Finish();
    }

    private static void WriteMembership(ICountSource source, Stream stream, CancellationToken cancellation)
    {
        var width = source.Width;
        PbmWriter.WriteHeader(stream, width, source.Height);
        var packed = new byte[(width + 7) / 8];
        source.ForEachBand((band, counts) =>
        {
            for (var row = 0; row < band.Count; row++)
            {
                cancellation.ThrowIfCancellationRequested();
                PbmWriter.PackRow(counts.Span.Slice(row * width, width), source.MaxIterations, packed);
                stream.Write(packed);
            }
        }, cancellation);
    }

    internal static void RequireSize(int width, int height, int length)
    {
        if (width < 1 || height < 1 || (long)width * height != length)
        {
            throw new ArgumentException($"Expected {width}x{height} pixels but got {length}.");
        }
    }
}
