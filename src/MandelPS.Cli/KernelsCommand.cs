using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Kernels;

namespace MandelPS.Cli;

/// <summary>`mandelps kernels`: the ladder, what each rung teaches, and whether it runs here.</summary>
internal static class KernelsCommand
{
    public static Command Create(TextWriter output)
    {
        var format = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");
        var devices = new Option<bool>("--devices") { Description = "Ask the GPU runtimes for devices, so GPU kernels say whether they run here (slower start)" };
        var command = new Command("kernels", "List the kernels: technique, family, precisions, exactness, availability.") { format, devices };
        command.SetAction(parse =>
        {
            var chosen = parse.Given(format) ?? OutputFormat.Table;
            RecordWriter.Write(output, KernelRegistry.All.Select(k => KernelInfo.From(k, CliApp.Spelled, parse.GetValue(devices))), chosen,
                chosen == OutputFormat.Table ? ["Name", "Family", "IsExact", "Twin", "Precisions", "IsAvailable", "Technique"] : null);
            return ExitCodes.Ok;
        });
        return command;
    }
}
