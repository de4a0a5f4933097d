using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Reports;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;

namespace MandelPS.Cli;

/// <summary>`mandelps measure`: time kernels (after a correctness check) and print one row per request.</summary>
internal static class MeasureCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var measurement = new MeasurementOptions();
        var outputs = new OutputOptions();
        var processes = Options.Int("--processes", $"Measure in this many worker processes of this build at once, {KernelBenchmark.MinProcesses}..{KernelBenchmark.MaxProcesses}: the rows also say how far the processes drift apart, which a later comparison with the saved rows allows for (default: this process).");
        var baseline = Options.Text("--baseline", "kernel", "The kernel speedups are over, measured first on each problem (default: the problem's reference kernel, Expanded for z^2 + c).", "-b");
        var command = new Command("measure", "Benchmark kernels: median with its CI, giga-iterations/s, speedup over a baseline kernel.") { baseline, processes };
        request.AddTo(command);
        measurement.AddTo(command, comparing: false);
        outputs.AddTo(command, withReport: true);
        command.SetAction(parse =>
        {
            var settings = measurement.ToSettings(parse);
            var sweep = request.ToSpec(parse).Plan();
            CliApp.ThrowFirst(sweep.Errors, error);
            outputs.CheckTargets(parse);
            CliApp.Warn(error, sweep);

            var benchmark = new KernelBenchmark(settings, parse.Given(processes)) { Baseline = parse.Given(baseline) is { } named ? KernelRegistry.Get(named).Name : null };
            var rows = benchmark.Measure(sweep.Plans, p => ProgressLine.Show(error, p.Status), cancellation).ToList();
            ProgressLine.Clear(error);

            outputs.Print(parse, output, rows);
            if ((parse.Given(outputs.Format) ?? Engine.Formats.OutputFormat.Table) == Engine.Formats.OutputFormat.Table && rows.Select(TableLayouts.Summary).OfType<string>().ToList() is { Count: > 0 } summaries)
            {
                output.WriteLine();
                summaries.ForEach(output.WriteLine);
            }
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
