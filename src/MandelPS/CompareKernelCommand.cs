using System.Globalization;
using System.Management.Automation;
using MandelPS.Cli;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Compares kernels with a baseline: speedup with its confidence interval and a Faster/Same/Slower/Inconclusive verdict, next to precision loss.</para>
/// <para type="description">Live: each record (or -Kernel list) is compared with the baseline on its own problem, baseline and candidates alternating run by run. Saved: -ReferenceObject and -DifferenceObject (Measure-Kernel rows, Import-Csv or ConvertFrom-Json of them) are compared row by row from their saved run times. -FailOnRegression turns the engine's fail-closed gate into a terminating error.</para>
/// <para type="description">Live comparisons alternate the runs so drift hits both sides equally, and report the speedup next to the precision loss (differing pixels, validation-sum delta, largest count error): Single-precision candidates against a Double baseline show what "fast and wrong" costs.</para>
/// </summary>
/// <example>
/// <code>Compare-Kernel -Lossy -Width 400 -Height 400 -MaxIterations 1000 | Export-KernelReport lossy.html</code>
/// <para>The speedup-versus-loss table: each fast-and-wrong variant against its exact twin and each kernel in Single against Double, on three viewports, with a chart of speedup against loss.</para>
/// </example>
/// <example>
/// <code>Compare-Kernel -Kernel Simd,ParallelSimd</code>
/// <para>Speedup of the SIMD kernels over Expanded, the reference.</para>
/// </example>
/// <example>
/// <code>Compare-Kernel -ReferenceObject (Import-Csv main.csv) -DifferenceObject (Import-Csv branch.csv) | Where-Object IsRegression</code>
/// <para>Regressions between two result sets saved with Measure-Kernel | Export-Csv, each judged by a Mann-Whitney test on the saved run times.</para>
/// </example>
/// <example>
/// <code>Compare-Kernel -Kernel Simd -Precision Single -Viewport -0.7437,-0.7436,0.1318,0.1319</code>
/// <para>What single precision gains in speed and loses in pixels on a deep zoom.</para>
/// </example>
[Cmdlet(VerbsData.Compare, "Kernel", DefaultParameterSetName = LiveSet)]
[OutputType(typeof(KernelComparison))]
public sealed class CompareKernelCommand : RequestCmdlet
{
    private const string LiveSet = "Live";
    private const string AllSet = "All";
    private const string SavedSet = "Saved";
    private const string LossySet = "Lossy";

    private readonly List<KernelComparison> _rows = [];
    private readonly List<string> _missing = [];
    private MeasurementSettings _settings = MeasurementSettings.Default;

    /// <summary>Candidate kernel names or wildcard patterns (pipe Get-Kernel or Measure-Kernel rows).</summary>
    [Parameter(ParameterSetName = LiveSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [SupportsWildcards]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[] Kernel { get; set; } = [];

    /// <summary>Every kernel available on this machine as a candidate.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: the fast-and-wrong variants and the Buddhabrot experiments too.</summary>
    [Parameter(ParameterSetName = AllSet)]
    public SwitchParameter IncludeLossy { get; set; }

    /// <summary>
    /// The speedup-versus-loss table: every fast-and-wrong variant against its exact twin and every ladder
    /// kernel in Single against itself in Double, on the full view, a boundary zoom and a deep zoom (or on -Viewport).
    /// </summary>
    [Parameter(ParameterSetName = LossySet, Mandatory = true)]
    public SwitchParameter Lossy { get; set; }

    /// <summary>The kernel the candidates are compared with (default: Expanded, the reference).</summary>
    [Parameter(ParameterSetName = LiveSet, Position = 1)]
    [Parameter(ParameterSetName = AllSet)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Baseline { get; set; } = RenderRequest.DefaultKernel;

    /// <summary>The baseline's precision (default Double), so Single candidates show their precision loss.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public Engine.Problem.Precision BaselinePrecision { get; set; } = Engine.Problem.Precision.Double;

    /// <summary>Exactly this many measured samples per side.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int Runs { get; set; }

    /// <summary>Measured samples at least (adaptive mode, default 5).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int MinRuns { get; set; }

    /// <summary>Measured samples at most (adaptive mode, default 30).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int MaxRuns { get; set; }

    /// <summary>Warm-up rounds after the correctness runs (default 1).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int Warmup { get; set; }

    /// <summary>Milliseconds one sample lasts at least (default 50).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public double MinRunTimeMs { get; set; }

    /// <summary>Seconds of sampling per side after which adaptive sampling stops (default 3).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public double TimeBudgetSeconds { get; set; }

    /// <summary>Saved results to compare against: Measure-Kernel rows, or Import-Csv / ConvertFrom-Json / Import-KernelResult of them.</summary>
    [Parameter(ParameterSetName = SavedSet, Mandatory = true)]
    public PSObject[] ReferenceObject { get; set; } = [];

    /// <summary>The saved results compared with -ReferenceObject, given or piped (as Compare-Object takes them).</summary>
    [Parameter(ParameterSetName = SavedSet, Mandatory = true, ValueFromPipeline = true)]
    public PSObject[] DifferenceObject { get; set; } = [];

    /// <summary>Relative difference that counts (0.05 = 5%): smaller differences read as Same.</summary>
    [Parameter]
    public double Threshold { get; set; }

    /// <summary>Significance level of the Mann-Whitney tests behind the verdict (0 to 0.5, default 0.05).</summary>
    [Parameter]
    public double Alpha { get; set; }

    /// <summary>Seed of the alternation order and the bootstrap.</summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary>
    /// Another MandelPS build (its MandelPS.Cli.dll, the folder holding it, or a module folder): each kernel is
    /// measured in a worker of that build and one of this build, alternating round by round. The regression
    /// gate for CI on a shared machine: drift hits both builds alike.
    /// </summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [ValidateNotNullOrEmpty]
    public string? BaselineBuild { get; set; }

    /// <summary>With -BaselineBuild: worker processes per build (1..16, default 2); a process has a speed of its own, so more of them narrow the verdict.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public int Processes { get; set; } = BuildComparer.DefaultProcesses;

    /// <summary>The clock that decides the verdicts: Wall (elapsed, the default) or Cpu (the process's CPU time, less moved by a busy neighbour); rows carry both speedups.</summary>
    [Parameter]
    public Clock Clock { get; set; }

    /// <summary>Stop with a FailedCheck error unless every row was compared, passed its check and is neither Slower nor Inconclusive.</summary>
    [Parameter]
    public SwitchParameter FailOnRegression { get; set; }

    /// <summary>With -FailOnRegression: let Inconclusive rows (too few runs to decide) pass.</summary>
    [Parameter]
    public SwitchParameter AllowInconclusive { get; set; }

    private readonly List<PSObject> _difference = [];

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            _settings = BoundParameters.ToSettings(MyInvocation.BoundParameters);
            if (ParameterSetName == SavedSet && TypedRequestParameters.Count > 0)
            {
                throw MandelPSException.Invalid(TypedRequestParameters[0], "describes a live comparison; saved sets are compared as they were measured");
            }

            if (BaselineBuild is not null && new[] { nameof(Baseline), nameof(BaselinePrecision) }.FirstOrDefault(MyInvocation.BoundParameters.ContainsKey) is { } picking)
            {
                throw MandelPSException.Invalid(picking, "not allowed with -BaselineBuild: each kernel is compared with itself in the other build");
            }

            if (BaselineBuild is null && MyInvocation.BoundParameters.ContainsKey(nameof(Processes)))
            {
                throw MandelPSException.Invalid(nameof(Processes), "not allowed without -BaselineBuild: it says how many worker processes each build runs in");
            }

            if (ParameterSetName == LossySet && TypedRequestParameters.FirstOrDefault(p => p is not ("Width" or "Height" or "MaxIterations" or "Viewport" or "Threads" or "VectorWidth" or "BlockSize" or "EscapeInterval" or "Device" or "GroupSize")) is { } picked)
            {
                throw MandelPSException.Invalid(picked, "not allowed with -Lossy: the table picks its own kernels, precisions and problems");
            }
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }

    protected override void ProcessRecord()
    {
        try
        {
            if (ParameterSetName == SavedSet)
            {
                _difference.AddRange(DifferenceObject.Where(o => o is not null)); // compared once, in EndProcessing
                return;
            }

            if (ParameterSetName == LossySet)
            {
                CompareLossy();
                return;
            }

            if (PlanSweep(Kernel, All) is not { } sweep)
            {
                return;
            }

            if (BaselineBuild is not null)
            {
                var other = WorkerProcesses.ForBuild(SessionState.Path.GetUnresolvedProviderPathFromPSPath(BaselineBuild), nameof(BaselineBuild));
                var builds = new BuildComparer(_settings, Clock, Processes);
                Stream("Compare-Kernel -BaselineBuild", (stop, report) => builds.Compare(sweep.Plans, WorkerProcesses.ForThisBuild(), other, report, stop), Emit);
                return;
            }

            var comparer = new KernelComparer(_settings, Clock);
            Stream("Compare-Kernel", (stop, report) => comparer.Compare(sweep.Plans, MyInvocation.BoundParameters.ContainsKey(nameof(Baseline)) ? Baseline : null, BaselinePrecision, report, stop), Emit);
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
        catch (OperationCanceledException e)
        {
            ThrowTerminatingError(Cancelled(e));
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            if (ParameterSetName == SavedSet)
            {
                var saved = ResultSetComparer.Compare(ToMeasurements(ReferenceObject, nameof(ReferenceObject)), ToMeasurements([.. _difference], nameof(DifferenceObject)), _settings, Clock);
                saved.Warnings.ToList().ForEach(WriteWarning);
                _missing.AddRange(saved.Missing);
                saved.Rows.ToList().ForEach(Emit);
            }

            if (FailOnRegression)
            {
                var failures = RegressionGate.Failures(_rows, _missing, AllowInconclusive);
                if (failures.Count > 0)
                {
                    ThrowTerminatingError(ToErrorRecord(new MandelPSException(ErrorKind.FailedCheck, null,
                        $"the regression gate failed: {string.Join("; ", failures)}", _rows)));
                }
            }
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }

    /// <summary>The lossy table: its pairs, and the options each kernel honours, come from the engine.</summary>
    private void CompareLossy()
    {
        var table = LossyTable.Pairs(BoundParameters.ToSpec(MyInvocation.BoundParameters, kernels: null, all: false));
        table.Skipped.ToList().ForEach(s => WriteWarning($"Skipping {s.Kernel}: {Spelled(s.Reason)}."));
        table.Warnings.ToList().ForEach(w => WriteWarning(Spelled(w)));
        var comparer = new KernelComparer(_settings, Clock);
        Stream("Compare-Kernel -Lossy", (stop, report) => comparer.Compare(table.Pairs, report, stop), Emit);
    }

    private void Emit(KernelComparison row)
    {
        _rows.Add(row);
        if (row.Verdict == Verdict.Inconclusive)
        {
            // One warning per reason: a sweep's rows share it, and the same line twenty times hides the rest.
            var others = _rows.Count(r => r.Verdict == Verdict.Inconclusive && r.VerdictReason == row.VerdictReason) - 1;
            if (others == 0)
            {
                WriteWarning($"{row.Kernel} {row.Precision}: verdict Inconclusive: {row.VerdictReason}.");
            }
            else
            {
                WriteVerbose($"{row.Kernel} {row.Precision}: verdict Inconclusive, for the reason warned of above.");
            }
        }

        WriteObject(row);
    }

    /// <summary>Measure-Kernel rows as they are; anything else (Import-Csv, JSON, deserialized) by its properties' text.</summary>
    private static List<KernelMeasurement> ToMeasurements(PSObject[] objects, string parameter) =>
        objects.Where(o => o is not null).Select((o, i) => o.BaseObject as KernelMeasurement
            ?? SavedResultsReader.FromFields(
                o.Properties.Where(p => p.IsGettable).ToDictionary(p => p.Name, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase),
                parameter, $"-{parameter} item {i + 1} ({o.BaseObject.GetType().Name})")).ToList();
}
