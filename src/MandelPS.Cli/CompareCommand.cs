using System.CommandLine;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Reports;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps compare`: candidates against a baseline, measured alternately (live), or two saved result
/// sets (--reference a.json --difference b.json). --fail-on-regression exits 3 when any row is Slower.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] TableColumns =
        ["Kernel", "Baseline", "Precision", "Threads", "Runs", "BaselineMedianMs", "MedianMs", "Speedup", "SpeedupCiLower", "SpeedupCiUpper", "Verdict", "ParallelEfficiency", "DifferingPixels", "ValidationSumDelta"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var shared = new SharedOptions();
        var baseline = new Option<string>("--baseline", "-b") { Description = "The kernel candidates are compared with (default: Expanded, the reference).", DefaultValueFactory = _ => RenderRequest.DefaultKernel };
        var baselinePrecision = new Option<Precision>("--baseline-precision") { Description = "The baseline's precision, so single-precision candidates show their loss.", DefaultValueFactory = _ => Precision.Double };
        var threshold = new Option<double>("--threshold") { Description = "Relative difference that counts (0.05 = 5%), 0..1.", DefaultValueFactory = _ => SignificanceTest.DefaultThreshold };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the Mann-Whitney tests, (0, 0.5).", DefaultValueFactory = _ => SignificanceTest.DefaultAlpha };
        var reference = new Option<string>("--reference") { Description = "A saved result set (.json or .csv from measure) to compare --difference against." };
        var difference = new Option<string>("--difference") { Description = "The saved result set compared with --reference." };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = $"Exit with code {CliApp.ExitRegression} if any row's verdict is Slower." };
        var command = new Command("compare", "Speedup with a confidence interval and a Faster/Same/Slower verdict, next to precision loss.")
        {
            baseline, baselinePrecision, threshold, alpha, reference, difference, failOnRegression,
        };
        shared.AddTo(command);
        shared.AddMeasurementOptions(command);
        command.SetAction((parse, cancellation) =>
        {
            IReadOnlyList<KernelComparison> rows;
            var (referencePath, differencePath) = (parse.GetValue(reference), parse.GetValue(difference));
            if (referencePath is not null || differencePath is not null)
            {
                if (referencePath is null || differencePath is null)
                {
                    throw new RequestValidationException("--reference", "give both --reference and --difference to compare saved result sets");
                }

                var (saved, warnings) = ResultSetComparer.Compare(SavedResults.Load(referencePath), SavedResults.Load(differencePath), parse.GetValue(threshold), parse.GetValue(alpha));
                foreach (var warning in warnings)
                {
                    error.WriteLine($"mandelps: warning: {warning}");
                }

                rows = saved;
            }
            else
            {
                var candidates = shared.ToSpec(parse).Expand().Requests;
                var comparer = new KernelComparer(shared.ToSettings(parse), parse.GetValue(threshold), parse.GetValue(alpha))
                {
                    OnProgress = p => ProgressLine.Show(error, p.Status),
                };
                rows = comparer.CompareWithBaseline(candidates, parse.GetValue(baseline)!, parse.GetValue(baselinePrecision), cancellation);
                ProgressLine.Clear(error);
            }

            MeasureCommand.Print(output, rows, parse.GetValue(shared.Format), parse.GetValue(shared.Output), TableColumns);
            if (parse.GetValue(shared.Report) is { } report)
            {
                KernelReport.Write(report, rows, overwrite: true);
            }

            return Task.FromResult(parse.GetValue(failOnRegression) && rows.Any(r => r.IsRegression) ? CliApp.ExitRegression : CliApp.ExitOk);
        });
        return command;
    }
}
