using System.CommandLine;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Output;

namespace MandelPS.Cli;

/// <summary>`mandelps measure`: time kernels (after a correctness check) and print one row per request.</summary>
internal static class MeasureCommand
{
    private static readonly string[] TableColumns =
        ["Kernel", "Width", "Height", "MaxIterations", "Precision", "Status", "MedianMs", "MinMs", "MaxMs", "GIterPerSec", "Speedup", "ValidationSum", "DifferingPixels"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var shared = new SharedOptions();
        var runs = new Option<int>("--runs") { Description = $"Measured runs per kernel, {MeasurementSettings.MinRunsAllowed}..{MeasurementSettings.MaxRunsAllowed}.", DefaultValueFactory = _ => MeasurementSettings.Default.Runs };
        var warmup = new Option<int>("--warmup") { Description = $"Warm-up runs (the correctness run is the first), 0..{MeasurementSettings.MaxWarmupAllowed}.", DefaultValueFactory = _ => MeasurementSettings.Default.Warmup };
        var command = new Command("measure", "Benchmark one or all kernels: median/min/max ms, giga-iterations/s, speedup over the slowest.");
        shared.AddTo(command);
        command.Options.Add(runs);
        command.Options.Add(warmup);
        command.SetAction((parse, cancellation) =>
        {
            var plan = shared.ToSpec(parse).Expand();
            foreach (var skipped in plan.Skipped)
            {
                error.WriteLine($"mandelps: warning: skipping {skipped.Kernel}: {skipped.Reason}.");
            }

            var benchmark = new KernelBenchmark(new MeasurementSettings { Runs = parse.GetValue(runs), Warmup = parse.GetValue(warmup) })
            {
                OnProgress = (i, n, r) => error.Write($"\rmeasuring {i + 1}/{n}: {r.Kernel,-14}"),
            };
            var rows = benchmark.Measure(plan.Requests, cancellation);
            error.Write("\r" + new string(' ', 40) + "\r");

            var format = parse.GetValue(shared.Format);
            var path = parse.GetValue(shared.Output);
            if (path is null)
            {
                RecordWriter.Write(output, rows, format, format is OutputFormat.Table or OutputFormat.Markdown ? TableColumns : null);
            }
            else
            {
                Engine.IO.SafeFile.WriteText(path, overwrite: true, writer =>
                    RecordWriter.Write(writer, rows, format, format is OutputFormat.Table or OutputFormat.Markdown ? TableColumns : null));
            }

            return Task.FromResult(rows.Any(r => r.Status != "Ok") ? CliApp.ExitKernelFailed : CliApp.ExitOk);
        });
        return command;
    }
}
