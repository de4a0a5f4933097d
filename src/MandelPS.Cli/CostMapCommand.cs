using System.CommandLine;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Rendering;

namespace MandelPS.Cli;

/// <summary>`mandelps costmap`: where the iterations are, and how busy N cores would be split statically or dynamically.</summary>
internal static class CostMapCommand
{
    public static Command Create(TextWriter output, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var tileSize = Options.Int("--tile-size", $"Pixels per tile side, {CostMap.MinTileSize}..{CostMap.MaxTileSize} (default 16).");
        var path = Options.Text("--output", "Heatmap image to write: .png or .pgm.", "-o");
        var force = Options.Flag("--force", "Overwrite --output if it exists.");
        var format = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");
        var command = new Command("costmap", "Per-tile cost heatmap (--output heat.png) and the load balance of static vs dynamic row splits.") { tileSize, path, force, format };
        request.AddTo(command, withAll: false);
        command.SetAction(parse =>
        {
            var target = parse.Given(path);
            ImageFormat? image = null;
            if (target is not null)
            {
                image = ImageWriter.FormatFromPath(target);
                SafeFile.CheckTarget(target, parse.GetValue(force));
            }

            var tiles = parse.Given(tileSize) ?? 16;
            CostMap.RequireTileSize(tiles);
            var result = PreparedRender.RunOnce(request.ToSpec(parse).PlanOne(), cancellation);
            var map = CostMap.From(result, tiles);
            if (image is { } imageFormat)
            {
                ImageWriter.WriteGray(target!, map.Width, map.Height, map.ToGray(), imageFormat, parse.GetValue(force));
            }

            RecordWriter.Write(output, LoadBalance.For(map, result, target is null ? null : Path.GetFullPath(target)), parse.Given(format) ?? OutputFormat.Table,
                ["Kernel", "Width", "Height", "MaxIterations", "Workers", "StaticSplitEfficiency", "DynamicRowsEfficiency"]);
            return ExitCodes.Ok;
        });
        return command;
    }
}
