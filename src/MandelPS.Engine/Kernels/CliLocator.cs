using System.Runtime.InteropServices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Where the `mandelps` CLI is, for kernels that run it as child processes: MandelPS.Cli.dll beside
/// MandelPS.Engine.dll (the CLI's own bin folder, and the module's folder, where build.ps1 puts it), run
/// by the dotnet host that runs this process (or the one the runtime in use belongs to).
/// </summary>
public static class CliLocator
{
    public const string CliAssembly = "MandelPS.Cli.dll";

    private static readonly Lazy<(string? Dotnet, string? Cli, string? Reason)> Found = new(Find);

    /// <summary>The dotnet host to start, or null with <see cref="Reason"/>.</summary>
    public static string? Dotnet => Found.Value.Dotnet;

    /// <summary>The CLI assembly, or null with <see cref="Reason"/>.</summary>
    public static string? Cli => Found.Value.Cli;

    /// <summary>Why the CLI cannot be started, or null when it can.</summary>
    public static string? Reason => Found.Value.Reason;

    private static (string?, string?, string?) Find()
    {
        var folder = Path.GetDirectoryName(typeof(CliLocator).Assembly.Location);
        var cli = folder is null ? null : Path.Combine(folder, CliAssembly);
        if (cli is null || !File.Exists(cli))
        {
            return (null, null, $"the mandelps CLI ({CliAssembly}) is not beside MandelPS.Engine.dll in '{folder}'");
        }

        var dotnet = FindDotnet();
        return dotnet is null
            ? (null, null, "no dotnet host was found to start the mandelps CLI (neither this process nor beside the runtime in use)")
            : (dotnet, cli, null);
    }

    private static string? FindDotnet()
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), exe, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // The runtime in use lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var beside = root is null ? null : Path.Combine(root, exe);
        if (beside is not null && File.Exists(beside))
        {
            return beside;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host) ? host : null;
    }
}
