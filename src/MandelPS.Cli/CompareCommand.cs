using System.CommandLine;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Reports;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps compare`: candidates against a baseline, measured alternately (live), or two saved result
/// sets (--reference a.json --difference b.json). --fail-on-regression exits 1 unless the comparison
/// passes the engine's <see cref="RegressionGate"/>.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] TableColumns =
        ["Kernel", "Baseline", "Width", "Height", "MaxIterations", "Precision", "Threads", "Runs", "BaselineMedianMs", "MedianMs", "Speedup", "SpeedupCiLower", "SpeedupCiUpper", "Verdict", "DifferingPixels", "ValidationSumDelta"];

    private static readonly string[] LossyColumns =
        ["Kernel", "Baseline", "Precision", "Viewport", "Threads", "Speedup", "SpeedupCiLower", "SpeedupCiUpper", "Verdict", "DifferingPixels", "DifferingPercent", "ValidationSumDelta", "MaxCountError", "CountSumDelta", "RelativeL1Difference", "DifferingPixelsOverRuns"];

    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var request = new RequestOptions();
        var measurement = new MeasurementOptions();
        var outputs = new OutputOptions();
        var baseline = Options.Text("--baseline", $"The kernel candidates are compared with (default {RenderRequest.DefaultKernel}, the reference).", "-b");
        var baselinePrecision = Options.Enum<Precision>("--baseline-precision", "The baseline's precision, so single-precision candidates show their loss (default double)");
        var reference = Options.Text("--reference", "A saved result set (.json or .csv from measure) to compare --difference against.");
        var difference = Options.Text("--difference", "The saved result set compared with --reference.");
        var failOnRegression = Options.Flag("--fail-on-regression", $"Exit with code {ExitCodes.FailedCheck} unless every row was compared, passed its check and is not Slower (or Inconclusive), and none is missing.");
        var allowInconclusive = Options.Flag("--allow-inconclusive", "With --fail-on-regression: let Inconclusive rows (too few runs to decide) pass.");
        var lossy = Options.Flag("--lossy", "The speedup-versus-loss table: every fast-and-wrong variant against its exact twin and every kernel in single against double, on the full view, a boundary zoom and a deep zoom (or on --viewport).");
        var command = new Command("compare", "Speedup with a confidence interval and a Faster/Same/Slower verdict, next to precision loss.")
        {
            baseline, baselinePrecision, reference, difference, failOnRegression, allowInconclusive, lossy,
        };
        request.AddTo(command);
        measurement.AddTo(command, comparing: true);
        outputs.AddTo(command, withReport: true);
        command.SetAction(parse =>
        {
            var settings = measurement.ToSettings(parse);
            List<KernelComparison> rows;
            IReadOnlyList<string> missing = [];
            var (referencePath, differencePath) = (parse.Given(reference), parse.Given(difference));
            if (referencePath is not null || differencePath is not null)
            {
                if (referencePath is null || differencePath is null)
                {
                    throw MandelPSException.Invalid(referencePath is null ? "ReferenceObject" : "DifferenceObject", "give both --reference and --difference to compare saved result sets");
                }

                RefuseLiveOptions(parse, request, baseline, baselinePrecision);
                outputs.CheckTargets(parse);
                var saved = ResultSetComparer.Compare(
                    SavedResultsReader.Load(referencePath, "ReferenceObject"), SavedResultsReader.Load(differencePath, "DifferenceObject"), settings);
                foreach (var warning in saved.Warnings)
                {
                    error.WriteLine($"mandelps: warning: {warning}");
                }

                (rows, missing) = ([.. saved.Rows], saved.Missing);
            }
            else if (parse.GetValue(lossy))
            {
                var spec = request.ToSpec(parse);
                RefuseWithLossy(parse, request.Kernel, request.All, baseline, baselinePrecision, request.Precision);
                var template = (spec with { Viewport = null }).PlanOne().Request;
                var (pairs, skipped) = LossyTable.Pairs(template, spec.Viewport is { } one ? [one] : null);
                foreach (var skip in skipped)
                {
                    error.WriteLine($"mandelps: warning: skipping {skip.Kernel}: {skip.Reason}.");
                }

                outputs.CheckTargets(parse);
                rows = new KernelComparer(settings).Compare(pairs, p => ProgressLine.Show(error, p.Status), cancellation).ToList();
                ProgressLine.Clear(error);
            }
            else
            {
                var sweep = request.ToSpec(parse).Plan();
                CliApp.ThrowFirst(sweep.Errors, error);
                outputs.CheckTargets(parse);
                rows = new KernelComparer(settings).Compare(sweep.Plans, parse.Given(baseline),
                    parse.Given(baselinePrecision) ?? Precision.Double, p => ProgressLine.Show(error, p.Status), cancellation).ToList();
                ProgressLine.Clear(error);
            }

            outputs.Print(parse, output, rows, parse.GetValue(lossy) ? LossyColumns : TableColumns);
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
