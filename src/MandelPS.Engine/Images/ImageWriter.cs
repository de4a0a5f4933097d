using MandelPS.Engine.IO;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Images;

/// <summary>Writes a result as an image file (through <see cref="SafeFile"/>: never half-written).</summary>
public static class ImageWriter
{
    /// <summary>The format implied by a file extension (.pgm, .png, .pbm).</summary>
    public static ImageFormat FormatFromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pgm" => ImageFormat.Pgm,
        ".png" => ImageFormat.Png,
        ".pbm" => ImageFormat.Pbm,
        var other => throw new RequestValidationException("Path",
            $"'{other}' is not a supported image extension; allowed: .pgm, .png, .pbm"),
    };

    /// <summary>Writes the counts to a file as grayscale (PGM/PNG) or as set membership (PBM).</summary>
    public static void Write(RenderResult result, string path, ImageFormat format, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(result);
        SafeFile.Write(path, overwrite, stream => Write(result, stream, format));
    }

    /// <summary>Writes an 8-bit grayscale picture (PGM or PNG) to a file, never half-written.</summary>
    public static void WriteGray(string path, int width, int height, byte[] gray, ImageFormat format, bool overwrite)
    {
        if (format == ImageFormat.Pbm)
        {
            throw new RequestValidationException("Path", "a grayscale picture cannot be written as .pbm; allowed: .png, .pgm");
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
        });
    }

    /// <summary>Writes the counts to a stream as grayscale (PGM/PNG) or as set membership (PBM).</summary>
    public static void Write(RenderResult result, Stream stream, ImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        switch (format)
        {
            case ImageFormat.Pbm:
                PbmWriter.Write(stream, result.Width, result.Height, result.Counts, result.MaxIterations);
                break;
            case ImageFormat.Png:
                PngWriter.Write(stream, result.Width, result.Height, GrayscaleImage.FromResult(result));
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
