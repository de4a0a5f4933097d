using System.CommandLine;
using MandelPS.Engine.IO;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Output;
using MandelPS.Engine.Reports;

namespace MandelPS.Cli;

/// <summary>`mandelps measure`: time kernels (after a correctness check) and print one row per request.</summary>
internal static class MeasureCommand
{
    private static readonly string[] TableColumns =
        ["Kernel", "Width", "Height", "MaxIterations", "Precision", "Threads", "Status", "Runs", "MedianMs", "CiRelativeWidth", "GIterPerSec", "Speedup", "ValidationSum", "DifferingPixels"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var shared = new SharedOptions();
        var command = new Command("measure", "Benchmark one or all kernels: median with its CI, giga-iterations/s, speedup over the slowest.");
        shared.AddTo(command);
        shared.AddMeasurementOptions(command);
        command.SetAction((parse, cancellation) =>
        {
            var plan = shared.ToSpec(parse).Expand();
            foreach (var skipped in plan.Skipped)
            {
                error.WriteLine($"mandelps: warning: skipping {skipped.Kernel}: {skipped.Reason}.");
            }

            var benchmark = new KernelBenchmark(shared.ToSettings(parse)) { OnProgress = p => ProgressLine.Show(error, p.Status) };
            var rows = benchmark.Measure(plan.Requests, cancellation);
            ProgressLine.Clear(error);

            Print(output, rows, parse.GetValue(shared.Format), parse.GetValue(shared.Output), TableColumns);
            if (parse.GetValue(shared.Report) is { } report)
            {
                KernelReport.Write(report, rows, overwrite: true);
            }

            return Task.FromResult(rows.Any(r => r.Status != "Ok") ? CliApp.ExitKernelFailed : CliApp.ExitOk);
        });
        return command;
    }

    /// <summary>Rows to standard output, or through a safe write to --output.</summary>
    internal static void Print<T>(TextWriter output, IReadOnlyList<T> rows, OutputFormat format, string? path, string[] tableColumns)
    {
        var columns = format is OutputFormat.Table or OutputFormat.Markdown ? tableColumns : null;
        if (path is null)
        {
            RecordWriter.Write(output, rows, format, columns);
        }
        else
        {
            SafeFile.WriteText(path, overwrite: true, writer => RecordWriter.Write(writer, rows, format, columns));
        }
    }
}
