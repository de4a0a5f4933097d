using System.CommandLine;
using MandelPS.Engine;
using MandelPS.Engine.Images;
using MandelPS.Engine.Output;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>`mandelps render`: solve one request, optionally write the image, print the summary.</summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter output)
    {
        var shared = new SharedOptions();
        var force = new Option<bool>("--force") { Description = "Overwrite --output if it exists." };
        var command = new Command("render", "Compute one image and print its summary (kernel, size, validation sum, time).");
        shared.AddTo(command);
        command.Options.Add(force);
        command.SetAction((parse, cancellation) =>
        {
            var plan = shared.ToSpec(parse).Expand();
            if (plan.Requests.Count != 1)
            {
                throw new RequestValidationException("--kernel", $"render takes exactly one kernel and one value per size option; this asks for {plan.Requests.Count} renders");
            }

            var path = parse.GetValue(shared.Output);
            var format = path is null ? (ImageFormat?)null : ImageWriter.FormatFromPath(path);
            var result = MandelbrotEngine.Render(plan.Requests[0], cancellation);
            if (path is not null)
            {
                ImageWriter.Write(result, path, format!.Value, parse.GetValue(force));
            }

            RecordWriter.Write(output, [RenderSummary.From(result, path is null ? null : Path.GetFullPath(path))], parse.GetValue(shared.Format));
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }
}
