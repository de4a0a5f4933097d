using System.CommandLine;
using MandelPS.Engine.Tiles;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps worker` (hidden): the child process of the MultiProcess kernel. Reads its order (a tile
/// header: the request and its rows) from standard input and writes the rows' counts as a tile to
/// standard output; not for people, so not in the help.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CancellationToken cancellation)
    {
        var command = new Command("worker", "Compute the rows a tile header on standard input asks for; write the tile to standard output.") { Hidden = true };
        command.SetAction(_ =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            TileRender.Work(input, output, cancellation);
            return ExitCodes.Ok;
        });
        return command;
    }
}
