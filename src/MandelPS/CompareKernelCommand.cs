using System.Globalization;
using System.Management.Automation;
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
public sealed class CompareKernelCommand : MandelPSCmdlet
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
    public Precision BaselinePrecision { get; set; } = Engine.Problem.Precision.Double;

    /// <summary>Pixels per row; several values sweep (default 1000).</summary>
    [Parameter(ParameterSetName = LiveSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int[]? Width { get; set; }

    /// <summary>Rows; several values sweep (default 1000).</summary>
    [Parameter(ParameterSetName = LiveSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int[]? Height { get; set; }

    /// <summary>Iteration limit per pixel; several values sweep (default 1000).</summary>
    [Parameter(ParameterSetName = LiveSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int[]? MaxIterations { get; set; }

    /// <summary>The candidates' precision: Double, Single or both (default Double).</summary>
    [Parameter(ParameterSetName = LiveSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet)]
    public Precision[]? Precision { get; set; }

    /// <summary>Thread counts for parallel candidates; several values sweep (default: one per core).</summary>
    [Parameter(ParameterSetName = LiveSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    public int[]? Threads { get; set; }

    /// <summary>SIMD width for Simd candidates (default Auto).</summary>
    [Parameter(ParameterSetName = LiveSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet)]
    public VectorWidth VectorWidth { get; set; }

    /// <summary>Pixels per block for VectorBlocked.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public int BlockSize { get; set; }

    /// <summary>Iterations between escape tests for LazyEscape (default 8; 1 makes it exact).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public int EscapeInterval { get; set; }

    /// <summary>The device GPU kernels run on: an index or name pattern from Get-KernelDevice (default: the best GPU; cpu = ILGPU's CPU accelerator, pocl0 = OpenCL on the CPU).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string Device { get; set; } = "";

    /// <summary>Work-items per group for GpuGridStride (default 256, or the device's maximum if lower).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public int GroupSize { get; set; }

    /// <summary>xmin, xmax, ymin, ymax (default: the tutorial's -2.13, 0.77, -1.3, 1.3).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = LossySet)]
    [ValidateCount(4, 4)]
    public double[]? Viewport { get; set; }

    /// <summary>Use the tutorial's pure_python_2.py grid with this size argument.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public int TutorialSize { get; set; }

    /// <summary>A problem defined elsewhere (BenchmarksGame); give its -Size.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public RenderPreset Preset { get; set; }

    /// <summary>The preset's size (BenchmarksGame: N).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [Alias("N")]
    public int Size { get; set; }

    /// <summary>The iteration for the Formula kernels, e.g. 'z^3 + c' (default 'z^2 + c'): z, c, numbers, i, + - * / ^, abs re im conj sqr exp.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    [ValidateNotNull]
    public string? Formula { get; set; }

    /// <summary>|z| beyond which an orbit escapes, for the Formula kernels (default 2).</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [Parameter(ParameterSetName = AllSet)]
    public double EscapeRadius { get; set; }

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

    /// <summary>Saved results to compare against: Measure-Kernel rows, or Import-Csv / ConvertFrom-Json of them.</summary>
    [Parameter(ParameterSetName = SavedSet, Mandatory = true)]
    public PSObject[] ReferenceObject { get; set; } = [];

    /// <summary>The saved results compared with -ReferenceObject.</summary>
    [Parameter(ParameterSetName = SavedSet, Mandatory = true)]
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

    /// <summary>Stop with a FailedCheck error unless every row was compared, passed its check and is neither Slower nor Inconclusive.</summary>
    [Parameter]
    public SwitchParameter FailOnRegression { get; set; }

    /// <summary>With -FailOnRegression: let Inconclusive rows (too few runs to decide) pass.</summary>
    [Parameter]
    public SwitchParameter AllowInconclusive { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _settings = BoundParameters.ToSettings(MyInvocation.BoundParameters);
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
                return; // compared once, in EndProcessing
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

            var comparer = new KernelComparer(_settings);
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
                var saved = ResultSetComparer.Compare(ToMeasurements(ReferenceObject, nameof(ReferenceObject)), ToMeasurements(DifferenceObject, nameof(DifferenceObject)), _settings);
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

    /// <summary>The lossy table: its pairs come from the engine; the problem's size from this call's parameters.</summary>
    private void CompareLossy()
    {
        var spec = BoundParameters.ToSpec(MyInvocation.BoundParameters, kernels: null, all: false);
        var template = (spec with { Viewport = null }).PlanOne().Request;
        var (pairs, skipped) = LossyTable.Pairs(template, spec.Viewport is { } one ? [one] : null);
        skipped.ToList().ForEach(s => WriteWarning($"Skipping {s.Kernel}: {s.Reason}."));
        var comparer = new KernelComparer(_settings);
        Stream("Compare-Kernel -Lossy", (stop, report) => comparer.Compare(pairs, report, stop), Emit);
    }

    private void Emit(KernelComparison row)
    {
        _rows.Add(row);
        if (row.Verdict == Verdict.Inconclusive)
        {
            WriteWarning($"{row.Kernel}: verdict Inconclusive: {row.VerdictReason}.");
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
