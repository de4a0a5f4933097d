namespace MandelPS.Cli.Tests;

/// <summary>How a CLI build's workers are started: by a dotnet host, or as the build's own executable where it carries its runtime.</summary>
public sealed class WorkerProcessesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-workers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AFrameworkDependentCli_IsRunByADotnetHost()
    {
        var cli = Touch(WorkerProcesses.CliAssembly);
        Touch(Executable());

        var (program, arguments) = WorkerProcesses.ForCli(cli).Command;

        Assert.Equal(Executable("dotnet"), Path.GetFileName(program));
        Assert.Equal([cli, "worker"], arguments);
    }

    [Fact]
    public void ASelfContainedCli_RunsAsItsOwnExecutable()
    {
        // The installed tool carries its runtime: `dotnet MandelPS.Cli.dll` cannot run it.
        var cli = Touch(WorkerProcesses.CliAssembly);
        Touch("System.Private.CoreLib.dll");
        var executable = Touch(Executable());

        var pool = WorkerProcesses.ForCli(cli);

        Assert.Null(pool.Unavailable);
        Assert.Equal(cli, pool.Cli);
        Assert.Equal(executable, pool.Command.Program);
        Assert.Equal(["worker"], pool.Command.Arguments);
    }

    private static string Executable(string name = "MandelPS.Cli") => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private string Touch(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, []);
        return path;
    }
}
