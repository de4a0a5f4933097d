using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Measurement;

namespace MandelPS.Cli;

/// <summary>`mandelps limit`: this machine's arithmetic limit for z^2 + c, the ceiling measured rows are held to.</summary>
internal static class LimitCommand
{
    public static Command Create(TextWriter output)
    {
        var format = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");
        var command = new Command("limit", "Measure this machine's ceiling for z^2 + c: the bare exact step, twelve orbits in flight, widest vectors, one core and all cores, both precisions.") { format };
        command.SetAction(parse =>
        {
            RecordWriter.Write(output, ArithmeticLimit.All, parse.Given(format) ?? OutputFormat.Table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
