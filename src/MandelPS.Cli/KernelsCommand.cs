using System.CommandLine;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Output;

namespace MandelPS.Cli;

/// <summary>`mandelps kernels`: the ladder, what each rung teaches, and whether it runs here.</summary>
internal static class KernelsCommand
{
    public static Command Create(TextWriter output)
    {
        var format = new Option<OutputFormat>("--format", "-f") { Description = "table, csv, json or markdown.", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command("kernels", "List the kernels: technique, family, precisions, exactness, availability.") { format };
        command.SetAction(parse =>
        {
            var rows = KernelRegistry.All.Select(KernelInfo.From);
            RecordWriter.Write(output, rows, parse.GetValue(format),
                parse.GetValue(format) == OutputFormat.Table ? ["Name", "Family", "IsExact", "Precisions", "IsAvailable", "Technique"] : null);
            return CliApp.ExitOk;
        });
        return command;
    }
}
