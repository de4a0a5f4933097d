using System.CommandLine;
using MandelPS.Engine;
using MandelPS.Engine.Images;
using MandelPS.Engine.Output;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps render`: solve one request; --output writes the image (format from the extension), and
/// --format pbm|pgm|png writes the image itself to --output or, without it, to standard output (so
/// `mandelps render --preset benchmarksgame -n 200 --format pbm` prints the Benchmarks Game's output).
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

    public static Command Create(TextWriter output)
    {
        var shared = new SharedOptions();
        var force = new Option<bool>("--force") { Description = "Overwrite --output if it exists." };
        var format = new Option<RenderFormat>("--format", "-f") { Description = "Summary as table, csv, json or markdown; or the image itself as pbm, pgm or png.", DefaultValueFactory = _ => RenderFormat.Table };
        var command = new Command("render", "Compute one image; print its summary (kernel, size, validation sum, time) or the image.");
        shared.AddTo(command, withFormat: false);
        command.Options.Add(format);
        command.Options.Add(force);
        command.SetAction((parse, cancellation) =>
        {
            var plan = shared.ToSpec(parse).Expand();
            if (plan.Requests.Count != 1)
            {
                throw new RequestValidationException("--kernel", $"render takes exactly one kernel and one value per size option; this asks for {plan.Requests.Count} renders");
            }

            var path = parse.GetValue(shared.Output);
            var chosen = parse.GetValue(format);
            ImageFormat? image = chosen switch
            {
                RenderFormat.Pbm => ImageFormat.Pbm,
                RenderFormat.Pgm => ImageFormat.Pgm,
                RenderFormat.Png => ImageFormat.Png,
                _ => path is null ? null : ImageWriter.FormatFromPath(path),
            };
            var force_ = parse.GetValue(force);
            if (path is not null)
            {
                Engine.IO.SafeFile.RefuseToOverwrite(path, force_);
            }

            var result = MandelbrotEngine.Render(plan.Requests[0], cancellation);
            if (image is { } imageFormat && path is null)
            {
                // The image is the output: raw bytes on standard output, nothing else there.
                using var stdout = Console.OpenStandardOutput();
                ImageWriter.Write(result, stdout, imageFormat);
                return Task.FromResult(CliApp.ExitOk);
            }

            if (image is { } fileFormat)
            {
                ImageWriter.Write(result, path!, fileFormat, force_);
            }

            var summaryFormat = chosen switch
            {
                RenderFormat.Csv => OutputFormat.Csv,
                RenderFormat.Json => OutputFormat.Json,
                RenderFormat.Markdown => OutputFormat.Markdown,
                _ => OutputFormat.Table,
            };
            RecordWriter.Write(output, [RenderSummary.From(result, path is null ? null : Path.GetFullPath(path))], summaryFormat);
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }
}
