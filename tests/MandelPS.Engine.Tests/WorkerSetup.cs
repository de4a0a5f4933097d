using System.Runtime.CompilerServices;
using MandelPS.Cli;
using MandelPS.Engine.Workers;

namespace MandelPS.Engine.Tests;

/// <summary>What the CLI's Program does at start: the MultiProcess kernel's workers are this build's CLI, beside the test assembly.</summary>
internal static class WorkerSetup
{
#pragma warning disable CA2255 // a test assembly is the host here, as Program is for the CLI
    [ModuleInitializer]
    internal static void UseThisBuildsCli() => WorkerPools.Use(WorkerProcesses.ForThisBuild());
#pragma warning restore CA2255
}
