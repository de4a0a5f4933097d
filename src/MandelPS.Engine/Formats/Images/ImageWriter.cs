using MandelPS.Engine.Errors;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Formats.Images;

/// <summary>Writes a result as an image file (through <see cref="SafeFile"/>: never half-written, Ctrl+C leaves nothing).</summary>
public static class ImageWriter
{
    /// <summary>The format implied by a file extension (.pgm, .png, .pbm).</summary>
    public static ImageFormat FormatFromPath(string path, string parameter = "Path")
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".pgm" => ImageFormat.Pgm,
            ".png" => ImageFormat.Png,
            ".pbm" => ImageFormat.Pbm,
            var other => throw MandelPSException.Invalid(parameter,
                $"'{(other.Length == 0 ? "(no extension)" : other)}' is not a supported image extension; allowed: .pgm, .png, .pbm", path),
        };
    }

    /// <summary>Writes the counts to a file as grayscale (PGM/PNG) or as set membership (PBM).</summary>
    public static void Write(RenderResult result, string path, ImageFormat format, bool overwrite, string parameter = "Path", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        SafeFile.Write(path, overwrite, stream => Write(result, stream, format, cancellation), parameter);
    }

    /// <summary>Writes an 8-bit grayscale picture (PGM or PNG) to a file, never half-written.</summary>
    public static void WriteGray(string path, int width, int height, byte[] gray, ImageFormat format, bool overwrite, string parameter = "Path")
    {
        if (format == ImageFormat.Pbm)
        {
            throw MandelPSException.Invalid(parameter, "a grayscale picture cannot be written as .pbm; allowed: .png, .pgm", path);
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

    /// <summary>Writes the counts to a stream as grayscale (PGM/PNG) or as set membership (PBM).</summary>
    public static void Write(RenderResult result, Stream stream, ImageFormat format, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        switch (format)
        {
            case ImageFormat.Pbm:
                PbmWriter.Write(stream, result.Width, result.Height, result.Counts, result.MaxIterations, cancellation);
                break;
            case ImageFormat.Png:
                PngWriter.Write(stream, result.Width, result.Height, GrayscaleImage.FromResult(result), cancellation);
                break;
            default:
                PgmWriter.Write(stream, result.Width, result.Height, GrayscaleImage.FromResult(result));
                break;
        }
    }

    internal static void RequireSize(int width, int height, int length)
    {
        if (width < 1 || height < 1 || (long)width * height != length)
        {
            throw new ArgumentException($"Expected {width}x{height} pixels but got {length}.");
        }
    }
}
