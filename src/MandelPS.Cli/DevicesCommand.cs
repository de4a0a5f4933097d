using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Kernels;

namespace MandelPS.Cli;

/// <summary>`mandelps devices`: the devices GPU kernels can run on, and why a device cannot be used.</summary>
internal static class DevicesCommand
{
    public static Command Create(TextWriter output)
    {
        var format = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");
        var command = new Command("devices", "List the devices GPU kernels run on (--device takes the Index or Id): backend, type, memory, fp64, and why one cannot be used.") { format };
        command.SetAction(parse =>
        {
            var chosen = parse.Given(format) ?? OutputFormat.Table;
            RecordWriter.Write(output, KernelProviders.Devices(), chosen,
                chosen == OutputFormat.Table ? ["Index", "Id", "Backend", "Type", "Name", "ComputeUnits", "MaxAllocationMB", "SupportsDouble", "IsUsable", "Reason"] : null);
            return ExitCodes.Ok;
        });
        return command;
    }
}
