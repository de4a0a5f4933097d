using System.CommandLine;
using MandelPS.Engine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps render`: solve one request into one target. --output writes the image (format from the
/// extension), --format pbm|pgm|ppm|png without --output writes the image itself to standard output (so
/// `mandelps render --preset benchmarksgame -n 200 --format pbm` prints the Benchmarks Game's output),
/// --tile i/n one tile (to --output, or standard output), and otherwise the summary is printed. The
/// engine picks how (<see cref="RenderTarget"/>): an image a band of rows at a time, a PBM from Simd or
/// ParallelSimd straight from their membership loops. An image on standard output prints no summary.
/// </summary>
internal static class RenderCommand
{
    private enum RenderFormat
    {
        Table,
        Csv,
        Json,
        Markdown,
        Pbm,
        Pgm,
        Ppm,
        Png,
    }

    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var images = new ImageOptions();
        var format = Options.Enum<RenderFormat>("--format", "The summary as a table, csv, json or markdown; or the image itself as pbm, pgm, ppm or png", "-f");
        var path = Options.Text("--output", "file", $"Image file to write: .png, .ppm, .pgm or .pbm (with --tile: a {TileFile.Extension} tile).", "-o");
        var force = Options.Flag("--force", "Overwrite --output if it exists.");
        var tile = Options.Tile("--tile", $"Compute tile i of n (0-based, i/n: 0/4 .. 3/4) and write it as a tile file ({TileFile.Extension}); `mandelps merge` joins the tiles.");
        var command = new Command("render", "Compute one image; print its summary (kernel, size, validation sum, time) or the image.");
        request.AddTo(command, withAll: false);
        images.AddTo(command);
        command.Options.Add(tile);
        command.Options.Add(format);
        command.Options.Add(path);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            var chosen = parse.Given(format) ?? RenderFormat.Table;
            var image = ImageFormatOf(chosen);
            var file = parse.Given(path);
            using var stdout = file is null && (image is not null || parse.Given(tile) is not null) ? CliApp.OpenStandardOutput() : null;
            var target = Target(file, stdout, image, parse.Given(tile), images.Given(parse), parse.GetValue(force));
            var plan = MandelbrotEngine.Plan(request.ToSpec(parse), target, w => CliApp.Warn(error, w));
            var summary = MandelbrotEngine.Run(plan, target, cancellation: cancellation).Summary;
            if (stdout is null && chosen != RenderFormat.Pbm)
            {
                PrintSummary(output, summary, SummaryFormat(chosen));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A summary as a table or Markdown in its 80-column layout (the module's view), or as CSV or JSON with
    /// every column (the whole request, as every row writes it, and the path written).
    /// </summary>
    internal static void PrintSummary(TextWriter output, RenderSummary summary, OutputFormat format)
    {
        if (format is OutputFormat.Table or OutputFormat.Markdown)
        {
            RecordWriter.WriteTable(output, [summary], TableLayouts.For(typeof(RenderSummary))!, format == OutputFormat.Markdown);
        }
        else
        {
            RecordWriter.Write(output, [summary], format);
        }
    }

    /// <summary>The target the options ask for, refusing options that contradict each other before any work.</summary>
    private static RenderTarget Target(string? file, Stream? stdout, ImageFormat? image, (int Index, int Count)? tile, (PaletteName? Palette, ColorScale? Scale) style, bool force)
    {
        if (tile is { } asked)
        {
            if (image is not null)
            {
                throw MandelPSException.Invalid("Format", "a tile is counts, not an image: leave --format out (or ask for the summary's format), and merge the tiles into an image");
            }

            ImageStyle.For(null, style.Palette, style.Scale, "");
            return file is null ? RenderTarget.Tile(stdout!, asked.Index, asked.Count) : RenderTarget.Tile(file, asked.Index, asked.Count, force);
        }

        if (file is not null)
        {
            var fromExtension = ImageWriter.FormatFromPath(file);
            if (image is { } named && named != fromExtension)
            {
                throw MandelPSException.Invalid("Format", $"{named.ToString().ToLowerInvariant()} contradicts --output '{file}' ({fromExtension.ToString().ToLowerInvariant()}); leave one out or make them agree");
            }

            return RenderTarget.Image(file, force, style.Palette, style.Scale);
        }

        if (image is { } onStdout)
        {
            return RenderTarget.Image(stdout!, onStdout, style.Palette, style.Scale);
        }

        ImageStyle.For(null, style.Palette, style.Scale, "");
        return RenderTarget.Summary;
    }

    private static ImageFormat? ImageFormatOf(RenderFormat chosen) => chosen switch
    {
        RenderFormat.Pbm => ImageFormat.Pbm,
        RenderFormat.Pgm => ImageFormat.Pgm,
        RenderFormat.Ppm => ImageFormat.Ppm,
        RenderFormat.Png => ImageFormat.Png,
        _ => null,
    };

    private static OutputFormat SummaryFormat(RenderFormat chosen) => chosen switch
    {
        RenderFormat.Csv => OutputFormat.Csv,
        RenderFormat.Json => OutputFormat.Json,
        RenderFormat.Markdown => OutputFormat.Markdown,
        _ => OutputFormat.Table,
    };
}
