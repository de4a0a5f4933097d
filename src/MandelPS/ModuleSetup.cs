using System.Management.Automation;
using MandelPS.Cli;
using MandelPS.Engine.Workers;

namespace MandelPS.Commands;

/// <summary>
/// What importing the module sets up for the engine, as the CLI's Program does for itself: the
/// MultiProcess kernel's workers are the mandelps CLI installed beside the module (MandelPS.Cli.dll).
/// </summary>
public sealed class ModuleSetup : IModuleAssemblyInitializer
{
    public void OnImport() => WorkerPools.Use(WorkerProcesses.ForThisBuild());
}
