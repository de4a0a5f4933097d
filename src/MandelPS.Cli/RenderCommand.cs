using System.CommandLine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Rendering;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps render`: solve one request; --output writes the image (format from the extension), and
/// --format pbm|pgm|png without --output writes the image itself to standard output (so
/// `mandelps render --preset benchmarksgame -n 200 --format pbm` prints the Benchmarks Game's output).
/// --format pbm writes set membership as it is computed, without counts or a summary.
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
        Png,
    }

    public static Command Create(TextWriter output, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var format = Options.Enum<RenderFormat>("--format", "The summary as a table, csv, json or markdown; or the image itself as pbm, pgm or png", "-f");
        var path = Options.Text("--output", "Image file to write: .png, .pgm or .pbm.", "-o");
        var force = Options.Flag("--force", "Overwrite --output if it exists.");
        var command = new Command("render", "Compute one image; print its summary (kernel, size, validation sum, time) or the image.");
        request.AddTo(command, withAll: false);
        command.Options.Add(format);
        command.Options.Add(path);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            var target = parse.Given(path);
            var chosen = parse.Given(format) ?? RenderFormat.Table;
            ImageFormat? image = chosen switch
            {
                RenderFormat.Pbm => ImageFormat.Pbm,
                RenderFormat.Pgm => ImageFormat.Pgm,
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

            var plan = request.ToSpec(parse).PlanOne();
            if (chosen == RenderFormat.Pbm)
            {
                // Membership only: straight to bits as rows are computed, no counts, memory bounded by a band.
                if (target is null)
                {
                    using var stdout = Console.OpenStandardOutput();
                    MembershipBitmap.Write(plan, stdout, cancellation);
                }
                else
                {
                    SafeFile.Write(target, parse.GetValue(force), stream => MembershipBitmap.Write(plan, stream, cancellation));
                }

                return ExitCodes.Ok;
            }

            var result = PreparedRender.RunOnce(plan, cancellation);
            if (image is { } imageFormat && target is null)
            {
                // The image is the output: raw bytes on standard output, nothing else there.
                using var stdout = Console.OpenStandardOutput();
                ImageWriter.Write(result, stdout, imageFormat, cancellation);
                return ExitCodes.Ok;
            }

            if (image is { } fileFormat)
            {
                ImageWriter.Write(result, target!, fileFormat, parse.GetValue(force), cancellation: cancellation);
            }

            var summaryFormat = chosen switch
            {
                RenderFormat.Csv => OutputFormat.Csv,
                RenderFormat.Json => OutputFormat.Json,
                RenderFormat.Markdown => OutputFormat.Markdown,
                _ => OutputFormat.Table,
            };
            RecordWriter.Write(output, [RenderSummary.From(result, target is null ? null : Path.GetFullPath(target))], summaryFormat);
            return ExitCodes.Ok;
        });
        return command;
    }
}
