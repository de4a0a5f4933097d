using System.CommandLine;
using MandelPS.Engine.Formats.Reports;
using MandelPS.Engine.Measurement;

namespace MandelPS.Cli;

/// <summary>`mandelps measure`: time kernels (after a correctness check) and print one row per request.</summary>
internal static class MeasureCommand
{
    private static readonly string[] TableColumns =
        ["Kernel", "Width", "Height", "MaxIterations", "Precision", "Threads", "VectorWidth", "Status", "Runs", "MedianMs", "CiRelativeWidth", "GIterPerSec", "Speedup", "ValidationSum", "DifferingPixels"];

    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var measurement = new MeasurementOptions();
        var outputs = new OutputOptions();
        var command = new Command("measure", "Benchmark kernels: median with its CI, giga-iterations/s, speedup over the first kernel measured.");
        request.AddTo(command);
        measurement.AddTo(command, comparing: false);
        outputs.AddTo(command, withReport: true);
        command.SetAction(parse =>
        {
            var settings = measurement.ToSettings(parse);
            var sweep = request.ToSpec(parse).Plan();
            CliApp.ThrowFirst(sweep.Errors, error);
            outputs.CheckTargets(parse);
            foreach (var skipped in sweep.Skipped)
            {
                error.WriteLine($"mandelps: warning: skipping {skipped.Kernel}: {skipped.Reason}.");
            }

            var rows = new KernelBenchmark(settings).Measure(sweep.Plans, p => ProgressLine.Show(error, p.Status), cancellation).ToList();
            ProgressLine.Clear(error);

            outputs.Print(parse, output, rows, TableColumns);
            if (parse.Given(outputs.Report) is { } report)
            {
                KernelReport.Write(report, rows, parse.GetValue(outputs.Force), "Report");
            }

            foreach (var failed in rows.Where(r => r.Status != MeasurementStatus.Ok))
            {
                error.WriteLine($"mandelps: error: {failed.Kernel} disagrees with the reference on {failed.DifferingPixels} pixels; it was not timed.");
            }

            return rows.Any(r => r.Status != MeasurementStatus.Ok) ? ExitCodes.FailedCheck : ExitCodes.Ok;
        });
        return command;
    }
}
