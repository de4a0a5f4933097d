using System.CommandLine;
using MandelPS.Engine;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Rendering;

namespace MandelPS.Cli;

/// <summary>`mandelps costmap`: where the iterations are, and how busy N cores would be split statically or dynamically.</summary>
internal static class CostMapCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var tileSize = Options.Int("--tile-size", $"Pixels per tile side, {CostMap.MinTileSize}..{CostMap.MaxTileSize} (default 16).");
        var path = Options.Text("--output", "file", "Heatmap image to write: .png or .pgm.", "-o");
        var force = Options.Flag("--force", "Overwrite --output if it exists.");
        var format = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");
        var command = new Command("costmap", "Per-tile cost heatmap (--output heat.png) and the load balance of static vs dynamic row splits.") { tileSize, path, force, format };
        request.AddTo(command, withAll: false);
        command.SetAction(parse =>
        {
            var target = RenderTarget.CostMap(parse.Given(tileSize) ?? 16, parse.Given(path), parse.GetValue(force));
            var plan = MandelbrotEngine.Plan(request.ToSpec(parse), target, w => CliApp.Warn(error, w));
            var balance = MandelbrotEngine.Run(plan, target, cancellation: cancellation).LoadBalance!;
            RecordWriter.Write(output, balance, parse.Given(format) ?? OutputFormat.Table,
                ["Kernel", "Width", "Height", "MaxIterations", "Workers", "StaticSplitEfficiency", "DynamicRowsEfficiency"]);
            return ExitCodes.Ok;
        });
        return command;
    }
}
