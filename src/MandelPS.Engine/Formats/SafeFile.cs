using System.Collections.Concurrent;
using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Formats;

/// <summary>
/// Writes files safely: the target is checked before any work (folder exists, not a folder itself, not
/// overwritten without permission), the bytes go to a temporary name in the same folder, then are
/// renamed over the target, so a failure or Ctrl+C never leaves a half-written file or a temporary one,
/// and never destroys the old file. Errors name the user's path, never the temporary one.
/// </summary>
public static class SafeFile
{
    // Temporary files being written, deleted at process exit should a host exit mid-write (a CLI
    // whose Ctrl+C handler gave up waiting): belt and braces beside the finally block.
    private static readonly ConcurrentDictionary<string, byte> Pending = new();

    static SafeFile()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var temp in Pending.Keys)
            {
                TryDelete(temp);
            }
        };
    }

    /// <summary>
    /// Refuses a target before work starts: its folder must exist, it must not be a folder, and it must not
    /// exist unless overwriting was allowed. <paramref name="parameter"/> names the option in errors.
    /// Returns the full path.
    /// </summary>
    public static string CheckTarget(string path, bool overwrite, string parameter = "Path")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw MandelPSException.Invalid(parameter, "a file path is required");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' is not a valid path: {e.Message}", path);
        }

        if (Directory.Exists(full))
        {
            throw new MandelPSException(ErrorKind.WriteFailed, parameter, $"'{full}' is a folder; give a file name", path);
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new MandelPSException(ErrorKind.WriteFailed, parameter, $"the folder '{folder}' does not exist", path);
        }

        if (!overwrite && File.Exists(full))
        {
            throw new MandelPSException(ErrorKind.FileExists, parameter, $"'{full}' already exists; use @Force to overwrite it", path);
        }

        return full;
    }

    /// <summary>Writes a file through a temporary one; cancellation and failures leave nothing behind.</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write, string parameter = "Path")
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = CheckTarget(path, overwrite, parameter);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        Pending[temp] = 0;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e.Message.Replace(temp, full, StringComparison.Ordinal);
            throw new MandelPSException(ErrorKind.WriteFailed, parameter, $"could not write '{full}': {reason}", path, e);
        }
        finally
        {
            TryDelete(temp);
            Pending.TryRemove(temp, out _);
        }
    }

    /// <summary>Writes text through <see cref="Write"/>, UTF-8 without a byte-order mark.</summary>
    public static void WriteText(string path, bool overwrite, Action<TextWriter> write, string parameter = "Path") =>
        Write(path, overwrite, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            write(writer);
        }, parameter);

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the file is gone or cannot be touched; nothing more to do at exit.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
