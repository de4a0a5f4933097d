using System.CommandLine;
using MandelPS.Engine.Tiles;
using MandelPS.Engine.Workers;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps worker` (hidden): a child process of another MandelPS process, not for people, so not in the
/// help. Alone, the MultiProcess kernel's child: reads its order (the request and its rows) from standard
/// input and writes the rows' counts as a tile to standard output. With --serve, a measuring worker
/// (Measure-Kernel -Processes, Compare-Kernel -BaselineBuild): one call and one answer a line.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CancellationToken cancellation)
    {
        var serve = Options.Flag("--serve", "Answer measuring calls (one JSON line each way) until standard input closes.");
        var command = new Command("worker", "Compute the rows an order on standard input asks for; write the tile to standard output.") { serve };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            if (parse.GetValue(serve))
            {
                MeasuringWorker.Serve(Console.In, Console.Out, cancellation);
                return ExitCodes.Ok;
            }

            using var input = Console.OpenStandardInput();
            using var output = CliApp.OpenStandardOutput();
            TileRender.Work(input, output, cancellation);
            return ExitCodes.Ok;
        });
        return command;
    }
}
