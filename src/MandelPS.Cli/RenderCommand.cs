using System.CommandLine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps render`: solve one request; --output writes the image (format from the extension), and
/// --format pbm|pgm|ppm|png without --output writes the image itself to standard output (so
/// `mandelps render --preset benchmarksgame -n 200 --format pbm` prints the Benchmarks Game's output).
/// Images are computed and encoded a band of rows at a time, so memory holds a band, not the image;
/// a PBM from Simd or ParallelSimd is set membership written as it is computed, without counts (other
/// kernels' come from their counts), and --format pbm prints no summary. --tile i/n
/// computes one tile and writes it as a tile file (to --output, or standard output).
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

    public static Command Create(TextWriter output, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var images = new ImageOptions();
        var format = Options.Enum<RenderFormat>("--format", "The summary as a table, csv, json or markdown; or the image itself as pbm, pgm, ppm or png", "-f");
        var path = Options.Text("--output", $"Image file to write: .png, .ppm, .pgm or .pbm (with --tile: a {TileFile.Extension} tile).", "-o");
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
            var target = parse.Given(path);
            var chosen = parse.Given(format) ?? RenderFormat.Table;
            var tileAsked = parse.Given(tile);
            var spec = images.Apply(parse, request.ToSpec(parse)) with { TileIndex = tileAsked?.Index, TileCount = tileAsked?.Count };
            if (tileAsked is not null)
            {
                return RenderTile(spec, target, chosen, parse.GetValue(force), output, cancellation);
            }

            ImageFormat? image = chosen switch
            {
                RenderFormat.Pbm => ImageFormat.Pbm,
                RenderFormat.Pgm => ImageFormat.Pgm,
                RenderFormat.Ppm => ImageFormat.Ppm,
                RenderFormat.Png => ImageFormat.Png,
                _ => null,
            };
            if (target is not null)
            {
                var fromExtension = ImageWriter.FormatFromPath(target);
                if (image is { } asked && asked != fromExtension)
                {
                    throw MandelPSException.Invalid("Format", $"{asked.ToString().ToLowerInvariant()} contradicts --output '{target}' ({fromExtension.ToString().ToLowerInvariant()}); leave one out or make them agree");
                }

                image = fromExtension;
                SafeFile.CheckTarget(target, parse.GetValue(force));
            }

            var style = spec.StyleFor(image, target ?? "standard output");
            // Nothing here needs every count at once: the image and the summary are made band by band.
            var plan = spec.PlanOne(countsInMemory: false);
            if (MembershipBitmap.Serves(plan, image))
            {
                // Membership only: straight to bits as rows are computed, no counts, memory bounded by a few rows a thread.
                if (target is null)
                {
                    using var stdout = Console.OpenStandardOutput();
                    MembershipBitmap.Write(plan, stdout, cancellation: cancellation);
                    return ExitCodes.Ok;
                }

                var summary = MembershipBitmap.Write(plan, target, parse.GetValue(force), cancellation: cancellation);
                if (chosen != RenderFormat.Pbm)
                {
                    PrintSummary(output, summary, chosen); // asked for a summary format, the image went to the file
                }

                return ExitCodes.Ok;
            }

            var bands = new BandedRender(plan);
            if (image is { } imageFormat && target is null)
            {
                // The image is the output: raw bytes on standard output, nothing else there.
                using var stdout = Console.OpenStandardOutput();
                ImageWriter.Write(bands, stdout, imageFormat, style, cancellation);
                return ExitCodes.Ok;
            }

            if (image is { } fileFormat)
            {
                ImageWriter.Write(bands, target!, fileFormat, parse.GetValue(force), style, cancellation: cancellation);
            }
            else
            {
                bands.ForEachBand((_, _) => { }, cancellation);
            }

            if (chosen != RenderFormat.Pbm)
            {
                PrintSummary(output, bands.Summary(target is null ? null : Path.GetFullPath(target)), chosen);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int RenderTile(RequestSpec spec, string? target, RenderFormat chosen, bool force, TextWriter output, CancellationToken cancellation)
    {
        if (chosen is RenderFormat.Pbm or RenderFormat.Pgm or RenderFormat.Ppm or RenderFormat.Png)
        {
            throw MandelPSException.Invalid("Format", "a tile is counts, not an image: leave --format out (or ask for the summary's format), and merge the tiles into an image");
        }

        spec.StyleFor(null, "");
        var whole = spec.PlanOne(countsInMemory: false);
        var (index, count) = spec.TileOf(whole)!.Value;
        if (target is null)
        {
            using var stdout = Console.OpenStandardOutput();
            TileRender.Write(whole, index, count, stdout, cancellation: cancellation);
            return ExitCodes.Ok;
        }

        TileFile.RequirePath(target);
        RenderSummary? summary = null;
        SafeFile.Write(target, force, stream => summary = TileRender.Write(whole, index, count, stream, Path.GetFullPath(target), cancellation));
        PrintSummary(output, summary!, chosen);
        return ExitCodes.Ok;
    }

    private static void PrintSummary(TextWriter output, RenderSummary summary, RenderFormat chosen)
    {
        var summaryFormat = chosen switch
        {
            RenderFormat.Csv => OutputFormat.Csv,
            RenderFormat.Json => OutputFormat.Json,
            RenderFormat.Markdown => OutputFormat.Markdown,
            _ => OutputFormat.Table,
        };
        RecordWriter.Write(output, [summary], summaryFormat);
    }
}
