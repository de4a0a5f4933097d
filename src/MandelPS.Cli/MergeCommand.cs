using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Tiles;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps merge t0.mtile t1.mtile ... [-o image.png]`: checks that the tiles belong to one request,
/// cover it exactly once and are intact, then writes the image a band at a time and prints the summary
/// a one-process render prints; the image is bit-identical to that render's.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, CancellationToken cancellation)
    {
        var tiles = new Argument<string[]>("tiles") { Description = $"Tile files ({TileFile.Extension}) made by `mandelps render --tile i/n`.", Arity = ArgumentArity.OneOrMore };
        var images = new ImageOptions();
        var path = Options.Text("--output", "file", "Image file to write: .png, .ppm, .pgm or .pbm.", "-o");
        var force = Options.Flag("--force", "Overwrite --output if it exists.");
        var format = Options.Enum<OutputFormat>("--format", "How the summary is printed (default table)", "-f");
        var command = new Command("merge", "Check tiles and merge them into the image (and summary) of the render they split.") { tiles, path, force, format };
        images.AddTo(command);
        command.SetAction(parse =>
        {
            var target = parse.Given(path);
            ImageFormat? image = null;
            if (target is not null)
            {
                image = ImageWriter.FormatFromPath(target, "OutFile");
                SafeFile.CheckTarget(target, parse.GetValue(force), "OutFile");
            }

            var (palette, scale) = images.Given(parse);
            var style = ImageStyle.For(image, palette, scale, target ?? "");
            var files = parse.GetValue(tiles)!.Select(Path.GetFullPath).ToList();
            var set = TileSet.Open(files, cancellation: cancellation);
            var summary = TileMerge.ToImage(set, target is null ? null : Path.GetFullPath(target), image, style, parse.GetValue(force), cancellation: cancellation);
            var chosen = parse.Given(format) ?? OutputFormat.Table;
            RenderCommand.PrintSummary(output, summary, chosen);
            return ExitCodes.Ok;
        });
        return command;
    }
}
