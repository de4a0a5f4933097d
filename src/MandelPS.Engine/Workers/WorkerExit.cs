namespace MandelPS.Engine.Workers;

/// <summary>How a worker's end reads in an error message: its exit code and the one line it wrote to standard error.</summary>
internal static class WorkerExit
{
    /// <summary>"3: mandelps: error: ..." from a worker's exit code and standard error; the code alone where it wrote nothing.</summary>
    public static string Describe(int exitCode, string errors)
    {
        var first = errors.Trim().Split('\n')[0].Trim();
        return first.Length > 0 ? $"{exitCode}: {first}" : $"{exitCode}";
    }
}
