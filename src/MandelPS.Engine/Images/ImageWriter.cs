using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Images;

/// <summary>
/// Writes a result as an image file safely: to a temporary name in the same folder, then renamed over
/// the target, so a failure or Ctrl+C never leaves a half-written file (and never destroys the old one).
/// </summary>
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

    /// <summary>Writes the counts as grayscale (PGM/PNG) or as set membership (PBM).</summary>
    public static void Write(RenderResult result, string path, ImageFormat format, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteAtomically(path, overwrite, stream =>
        {
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
        });
    }

    /// <summary>Runs write against a temp file beside path, then moves it into place.</summary>
    public static void WriteAtomically(string path, bool overwrite, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"'{full}' already exists; use -Force (--force) to overwrite it.");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
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
