using System.Runtime.InteropServices;
using MandelPS.Cli;
using MandelPS.Engine.Workers;

// The MultiProcess kernel's children are this build's own `mandelps worker`.
WorkerPools.Use(WorkerProcesses.ForThisBuild());

// Ctrl+C (SIGINT) and SIGTERM cancel the work instead of killing the process: the engine and the file
// writers stop within a row, delete their temporary files, and the command exits with 130.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
return CliApp.Run(args, Console.Out, Console.Error, stop.Token);

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
