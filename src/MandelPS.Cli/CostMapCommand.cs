using System.CommandLine;
using MandelPS.Engine;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.Images;
using MandelPS.Engine.Output;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>`mandelps costmap`: where the iterations are, and how busy N cores would be split statically or dynamically.</summary>
internal static class CostMapCommand
{
    public static Command Create(TextWriter output)
    {
        var shared = new SharedOptions();
        var tileSize = new Option<int>("--tile-size") { Description = $"Pixels per tile side, {CostMap.MinTileSize}..{CostMap.MaxTileSize}.", DefaultValueFactory = _ => 16 };
        var force = new Option<bool>("--force") { Description = "Overwrite --output if it exists." };
        var command = new Command("costmap", "Per-tile cost heatmap (--output heat.png) and the load balance of static vs dynamic row splits.") { tileSize, force };
        shared.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var plan = shared.ToSpec(parse).Expand();
            if (plan.Requests.Count != 1)
            {
                throw new RequestValidationException("--kernel", $"costmap takes exactly one kernel and one value per size option; this asks for {plan.Requests.Count}");
            }

            var path = parse.GetValue(shared.Output);
            var format = path is null ? (ImageFormat?)null : ImageWriter.FormatFromPath(path);
            var result = MandelbrotEngine.Render(plan.Requests[0], cancellation);
            var map = CostMap.From(result, parse.GetValue(tileSize));
            if (path is not null)
            {
                ImageWriter.WriteGray(path, map.Width, map.Height, map.ToGray(), format!.Value, parse.GetValue(force));
            }

            RecordWriter.Write(output, LoadBalance.For(map, result, path is null ? null : Path.GetFullPath(path)), parse.GetValue(shared.Format),
                ["Kernel", "Width", "Height", "MaxIterations", "Workers", "StaticSplitEfficiency", "DynamicRowsEfficiency"]);
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }
}
