using System.Diagnostics;
using System.Runtime.InteropServices;
using MandelPS.Engine.Workers;

namespace MandelPS.Cli;

/// <summary>
/// The engine's worker pool, as child processes: normally `dotnet MandelPS.Cli.dll worker`, a CLI assembly
/// (this build's, beside this one, or another build's) run by a dotnet host; a self-contained CLI (the
/// installed tool, which carries its runtime) runs as its own executable. The CLI registers its own
/// build when it starts; the module, which ships this assembly beside its own, registers it when
/// imported. MANDELPS_WORKER_CLI names another CLI assembly to run instead.
/// </summary>
public sealed class WorkerProcesses : IWorkerPool
{
    public const string CliAssembly = "MandelPS.Cli.dll";

    /// <summary>The environment variable naming the CLI assembly the workers run, instead of this build's.</summary>
    public const string CliVariable = "MANDELPS_WORKER_CLI";

    private readonly string _program;
    private readonly IReadOnlyList<string> _arguments;

    /// <summary>A pool that starts <paramref name="program"/> with <paramref name="arguments"/>, or none, for <paramref name="unavailable"/>.</summary>
    public WorkerProcesses(string program, IReadOnlyList<string> arguments, string? unavailable = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        (_program, _arguments, Unavailable) = (program, arguments, unavailable);
    }

    public string? Unavailable { get; }

    /// <summary>The CLI assembly the workers run, for a pool of CLI workers; null for any other program.</summary>
    public string? Cli { get; private init; }

    /// <summary>What a worker is started as: the program and its arguments.</summary>
    internal (string Program, IReadOnlyList<string> Arguments) Command => (_program, _arguments);

    /// <summary>
    /// Workers of the CLI assembly <paramref name="cli"/> (a MandelPS.Cli.dll): its own executable where the
    /// runtime is beside it (a self-contained build, which no dotnet host can run), else run by the dotnet
    /// host running this process.
    /// </summary>
    public static WorkerProcesses ForCli(string cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var full = Path.GetFullPath(cli);
        if (SelfContainedExecutable(full) is { } executable)
        {
            return new WorkerProcesses(executable, ["worker"]) { Cli = full };
        }

        var dotnet = FindDotnet();
        return new WorkerProcesses(dotnet ?? "dotnet", [full, "worker"],
            !File.Exists(full) ? $"the mandelps CLI ({CliAssembly}) is not at '{full}'"
            : dotnet is null ? "no dotnet host was found to start the mandelps CLI (neither this process nor beside the runtime in use)"
            : null) { Cli = full };
    }

    /// <summary>
    /// The workers of another MandelPS build at <paramref name="path"/>: its CLI assembly, a folder holding it
    /// (the CLI's bin folder, a publish folder) or a module folder (which carries the CLI beside MandelPS.dll).
    /// <paramref name="parameter"/> names the host's option in the error for a path that holds no build.
    /// </summary>
    public static WorkerProcesses ForBuild(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path);
        var cli = Directory.Exists(path) ? Path.Combine(path, CliAssembly) : path;
        if (!File.Exists(cli) || !string.Equals(Path.GetFileName(cli), CliAssembly, StringComparison.OrdinalIgnoreCase))
        {
            throw Engine.Errors.MandelPSException.Invalid(parameter,
                $"'{path}' is not a MandelPS build: give its {CliAssembly}, the folder that holds it (a CLI build or publish folder), or a module folder", path);
        }

        return ForCli(cli);
    }

    /// <summary>This build's CLI: MandelPS.Cli.dll beside this assembly (the CLI's own folder, or the module's), or the one <see cref="CliVariable"/> names.</summary>
    public static WorkerProcesses ForThisBuild()
    {
        if (Environment.GetEnvironmentVariable(CliVariable) is { Length: > 0 } named)
        {
            return ForCli(named);
        }

#pragma warning disable IL3000 // a single-file app has no location: then the pool says no CLI is there
        var folder = Path.GetDirectoryName(typeof(WorkerProcesses).Assembly.Location) is { Length: > 0 } located ? located : AppContext.BaseDirectory;
#pragma warning restore IL3000
        return ForCli(Path.Combine(folder, CliAssembly));
    }

    public IWorkerProcess Start(WorkerMode mode)
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var start = new ProcessStartInfo(_program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (mode == WorkerMode.Session && Cli is not null)
        {
            start.ArgumentList.Add("--serve");
        }

        return new Worker(Process.Start(start) ?? throw new InvalidOperationException($"could not start {_program}"));
    }

    /// <summary>The CLI's own executable beside it, if the runtime is there too (a self-contained build).</summary>
    private static string? SelfContainedExecutable(string cli)
    {
        var folder = Path.GetDirectoryName(cli) ?? ".";
        var executable = Path.Combine(folder, ExecutableName(Path.GetFileNameWithoutExtension(cli)));
        return File.Exists(cli) && File.Exists(executable) && File.Exists(Path.Combine(folder, "System.Private.CoreLib.dll")) ? executable : null;
    }

    /// <summary>An executable's file name on this platform (with .exe on Windows).</summary>
    private static string ExecutableName(string name) => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? name + ".exe" : name;

    private static string? FindDotnet()
    {
        var exe = ExecutableName("dotnet");
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

    /// <summary>One child process: its pipes, its standard error read as it comes so that pipe never fills up.</summary>
    private sealed class Worker : IWorkerProcess
    {
        private readonly Process _process;

        public Worker(Process process)
        {
            _process = process;
            Errors = process.StandardError.ReadToEndAsync();
        }

        public Stream Input => _process.StandardInput.BaseStream;

        public Stream Output => _process.StandardOutput.BaseStream;

        public Task<string> Errors { get; }

        public int WaitForExit()
        {
            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited (or never started) between the check and the kill.
            }
        }

        public void Dispose() => _process.Dispose();
    }
}
