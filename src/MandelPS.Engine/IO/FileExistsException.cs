namespace MandelPS.Engine.IO;

/// <summary>A file would be overwritten without permission (-Force / --force).</summary>
public sealed class FileExistsException : IOException
{
    public FileExistsException(string path)
        : base($"'{path}' already exists; use -Force (--force) to overwrite it.")
    {
        Path = path;
    }

    public string Path { get; }
}
