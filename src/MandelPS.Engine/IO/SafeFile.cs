namespace MandelPS.Engine.IO;

/// <summary>
/// Writes files safely: to a temporary name in the same folder, then renamed over the target, so a
/// failure or Ctrl+C never leaves a half-written file and never destroys the old one.
/// </summary>
public static class SafeFile
{
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        RefuseToOverwrite(full, overwrite);

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

    /// <summary>
    /// Throws <see cref="FileExistsException"/> if path exists and overwriting was not allowed. Hosts call
    /// it before long work too, so a render is not computed only to be refused at the end.
    /// </summary>
    public static void RefuseToOverwrite(string path, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new FileExistsException(full);
        }
    }

    /// <summary>Writes text through <see cref="Write"/>, UTF-8 without a byte-order mark.</summary>
    public static void WriteText(string path, bool overwrite, Action<TextWriter> write) =>
        Write(path, overwrite, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            write(writer);
        });
}
