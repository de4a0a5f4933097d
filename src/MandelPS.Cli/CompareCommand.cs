using System.CommandLine;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Reports;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps compare`: candidates against a baseline, measured alternately (live), or two saved result
/// sets (--reference a.json --difference b.json). --fail-on-regression exits 1 unless the comparison
/// passes the engine's <see cref="RegressionGate"/>.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var measurement = new MeasurementOptions();
        var outputs = new OutputOptions();
        var baseline = Options.Text("--baseline", "kernel", $"The kernel candidates are compared with (default {RenderRequest.DefaultKernel}, the reference).", "-b");
        var baselinePrecision = Options.Enum<Precision>("--baseline-precision", "The baseline's precision, so single-precision candidates show their loss (default double)");
        var reference = Options.Text("--reference", "file", "A saved result set (.json or .csv from measure) to compare --difference against.");
        var difference = Options.Text("--difference", "file", "The saved result set compared with --reference.");
        var failOnRegression = Options.Flag("--fail-on-regression", $"Exit with code {ExitCodes.FailedCheck} unless every row was compared, passed its check and is not Slower (or Inconclusive), and none is missing.");
        var allowInconclusive = Options.Flag("--allow-inconclusive", "With --fail-on-regression: let Inconclusive rows (too few runs to decide) pass.");
        var baselineBuild = Options.Text("--baseline-build", "path", "Another MandelPS build (its MandelPS.Cli.dll, the folder holding it, or a module folder): each kernel is measured in a worker of that build and one of this build, alternating round by round: the regression gate for CI.");
        var processes = Options.Int("--processes", $"With --baseline-build: worker processes per build, 1..{KernelBenchmark.MaxProcesses} (default {BuildComparer.DefaultProcesses}); a process has a speed of its own, so more of them narrow the verdict.");
        var lossy = Options.Flag("--lossy", "The speedup-versus-loss table: every fast-and-wrong variant against its exact twin and every kernel in single against double, on the full view, a boundary zoom and a deep zoom (or on --viewport).");
        var command = new Command("compare", "Speedup with a confidence interval and a Faster/Same/Slower verdict, next to precision loss.")
        {
            baseline, baselinePrecision, baselineBuild, processes, reference, difference, failOnRegression, allowInconclusive, lossy,
        };
        request.AddTo(command);
        measurement.AddTo(command, comparing: true);
        outputs.AddTo(command, withReport: true);
        command.SetAction(parse =>
        {
            var settings = measurement.ToSettings(parse);
            var clock = parse.Given(measurement.Clock) ?? Clock.Wall;
            List<KernelComparison> rows;
            IReadOnlyList<string> missing = [];
            var (referencePath, differencePath) = (parse.Given(reference), parse.Given(difference));
            if (referencePath is not null || differencePath is not null)
            {
                if (referencePath is null || differencePath is null)
                {
                    throw MandelPSException.Invalid(referencePath is null ? "ReferenceObject" : "DifferenceObject", "give both --reference and --difference to compare saved result sets");
                }

                RefuseLiveOptions(parse, request, baseline, baselinePrecision, baselineBuild, processes);
                outputs.CheckTargets(parse);
                var saved = ResultSetComparer.Compare(
                    SavedResultsReader.Load(referencePath, "ReferenceObject"), SavedResultsReader.Load(differencePath, "DifferenceObject"), settings, clock);
                foreach (var warning in saved.Warnings)
                {
                    CliApp.Warn(error, warning);
                }

                (rows, missing) = ([.. saved.Rows], saved.Missing);
            }
            else if (parse.GetValue(lossy))
            {
                RefuseWithLossy(parse, baseline, baselinePrecision, baselineBuild, processes);
                var table = LossyTable.Pairs(request.ToSpec(parse));
                foreach (var skip in table.Skipped)
                {
                    CliApp.Warn(error, $"skipping {skip.Kernel}: {skip.Reason}.");
                }

                table.Warnings.ToList().ForEach(w => CliApp.Warn(error, w));
                outputs.CheckTargets(parse);
                rows = new KernelComparer(settings, clock).Compare(table.Pairs, p => ProgressLine.Show(error, p.Status), cancellation).ToList();
                ProgressLine.Clear(error);
            }
            else
            {
                var otherBuild = parse.Given(baselineBuild) is { } path ? WorkerProcesses.ForBuild(path, "BaselineBuild") : null;
                if (otherBuild is not null)
                {
                    RefuseWithBuild(parse, baseline, baselinePrecision);
                }
                else if (parse.Given(processes) is not null)
                {
                    throw MandelPSException.Invalid("Processes", "not allowed without --baseline-build: it says how many worker processes each build runs in");
                }

                var sweep = request.ToSpec(parse).Plan();
                CliApp.ThrowFirst(sweep.Errors, error);
                outputs.CheckTargets(parse);
                CliApp.Warn(error, sweep);
                rows = otherBuild is null
                    ? new KernelComparer(settings, clock).Compare(sweep.Plans, parse.Given(baseline),
                        parse.Given(baselinePrecision) ?? Precision.Double, p => ProgressLine.Show(error, p.Status), cancellation).ToList()
                    : new BuildComparer(settings, clock, parse.Given(processes) ?? BuildComparer.DefaultProcesses).Compare(sweep.Plans, WorkerProcesses.ForThisBuild(), otherBuild, p => ProgressLine.Show(error, p.Status), cancellation).ToList();
                ProgressLine.Clear(error);
            }

            if (parse.GetValue(lossy))
            {
                outputs.Print(parse, output, rows, TableView.Loss, r => r.ViewportName ?? r.Viewport ?? r.Grid, "Viewport");
            }
            else
            {
                outputs.Print(parse, output, rows, groupBy: r => $"{r.Baseline} {r.BaselinePrecision}", groupLabel: "Against");
            }
            if (parse.Given(outputs.Report) is { } report && rows.Count > 0)
            {
                KernelReport.Write(report, rows, parse.GetValue(outputs.Force), "Report");
            }

            if (!parse.GetValue(failOnRegression))
            {
                return ExitCodes.Ok;
            }

            var failures = RegressionGate.Failures(rows, missing, parse.GetValue(allowInconclusive));
            foreach (var failure in failures)
            {
                error.WriteLine($"mandelps: regression gate: {failure}");
            }

            return failures.Count > 0 ? ExitCodes.FailedCheck : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--lossy picks its own kernels, baselines and precisions: refuse options that would pick them too.</summary>
    private static void RefuseWithLossy(ParseResult parse, params Option[] picking)
    {
        if (picking.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } given)
        {
            throw MandelPSException.Invalid("Lossy", $"{given.Name} cannot be combined with it: the table pairs every variant with its own twin");
        }
    }

    /// <summary>Against another build the baseline is the same kernel and precision there: refuse options that would pick another.</summary>
    private static void RefuseWithBuild(ParseResult parse, params Option[] picking)
    {
        if (picking.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } given)
        {
            throw MandelPSException.Invalid("BaselineBuild", $"{given.Name} cannot be combined with it: each kernel is compared with itself in the other build");
        }
    }

    /// <summary>Options that describe a live run mean nothing for saved sets: refuse them rather than ignore them.</summary>
    private static void RefuseLiveOptions(ParseResult parse, RequestOptions request, params Option[] live)
    {
        var given = request.Every.Concat(live).FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (given is not null)
        {
            throw MandelPSException.Invalid("ReferenceObject", $"{given.Name} describes a live comparison; saved sets are compared as they were measured");
        }
    }
}
