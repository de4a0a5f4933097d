using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Benchmarks kernels after checking them against the reference: one flat row per kernel and parameter combination, written as soon as it is measured.</para>
/// <para type="description">Lists of sizes, iteration limits, precisions and thread counts expand to their cross product (a sweep). Speedup is over the first row measured on the same problem; a kernel named that cannot run is an error of its own while the others run; under -All it is skipped with a warning.</para>
/// <para type="description">Each kernel's first run is checked against its reference on the same grid (an exact kernel that disagrees is reported Failed, with an error, and not timed); it is then warmed up and timed. Output rows are flat, so they pipe into Sort-Object, Export-Csv and ConvertTo-Json unchanged.</para>
/// </summary>
/// <example>
/// <code>Measure-Kernel -All | Export-Csv kernels.csv</code>
/// <para>Measures every kernel of the ladder available here and saves the table.</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel ParallelSimd -Width 500,1000,2000 -Height 500,1000,2000 -Threads 1,2</code>
/// <para>A sweep: 18 rows, one per combination.</para>
/// </example>
/// <example>
/// <code>Import-Csv sweep.csv | Measure-Kernel</code>
/// <para>Measures each saved row's request again, exactly: every request column (Kernel, Viewport or TutorialSize or Preset, Width, Height, MaxIterations, Precision, Formula, Threads, VectorWidth, BlockSize, ...) binds by name.</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel Expanded, Simd -TutorialSize 1000 -TimeBudgetSeconds 1 -MinRunTimeMs 20</code>
/// <para>A quick measurement on the tutorial's 500x500 grid: at most one second of adaptive sampling per kernel, each sample lasting at least 20 ms.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Measure, "Kernel", DefaultParameterSetName = KernelSet)]
[OutputType(typeof(KernelMeasurement))]
public sealed class MeasureKernelCommand : RequestCmdlet
{
    private const string KernelSet = "Kernel";
    private const string AllSet = "All";

    private KernelBenchmark? _benchmark;
    private MeasurementSettings _settings = MeasurementSettings.Default;

    /// <summary>Kernel names or wildcard patterns (pipe Get-Kernel, or a CSV with a Kernel column); default Expanded.</summary>
    [Parameter(ParameterSetName = KernelSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [SupportsWildcards]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[]? Kernel { get; set; }

    /// <summary>Every kernel of the ladder available on this machine; unavailable ones are skipped with a warning.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: the fast-and-wrong variants and the Buddhabrot experiments too.</summary>
    [Parameter(ParameterSetName = AllSet)]
    public SwitchParameter IncludeLossy { get; set; }

    /// <summary>Exactly this many measured samples; by default sampling adapts (MinRuns..MaxRuns, TimeBudgetSeconds, a 2% CI).</summary>
    [Parameter]
    public int Runs { get; set; }

    /// <summary>Measured samples at least (adaptive mode, default 5).</summary>
    [Parameter]
    public int MinRuns { get; set; }

    /// <summary>Measured samples at most (adaptive mode, default 30).</summary>
    [Parameter]
    public int MaxRuns { get; set; }

    /// <summary>Warm-up samples per kernel after its correctness run (default 1).</summary>
    [Parameter]
    public int Warmup { get; set; }

    /// <summary>Milliseconds one sample lasts at least: fast kernels are repeated within it (default 50).</summary>
    [Parameter]
    public double MinRunTimeMs { get; set; }

    /// <summary>Seconds of sampling per kernel after which adaptive sampling stops (default 3).</summary>
    [Parameter]
    public double TimeBudgetSeconds { get; set; }

    /// <summary>The kernel every row's Speedup is over, measured first on each problem (default: the problem's reference kernel, Expanded for z^2 + c); rows name it in SpeedupBaseline.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Baseline { get; set; }

    /// <summary>
    /// Measure in this many worker processes of this build at once (2..16): each row also says how far the
    /// processes drift apart (Drift), which a later Compare-Kernel with the saved rows allows for.
    /// </summary>
    [Parameter]
    public int Processes { get; set; }

    /// <summary>Seed of the alternation order and the bootstrap, so a measurement can be redone.</summary>
    [Parameter]
    public int Seed { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            _settings = BoundParameters.ToSettings(MyInvocation.BoundParameters);
            _benchmark = new KernelBenchmark(_settings, MyInvocation.BoundParameters.ContainsKey(nameof(Processes)) ? Processes : null)
            {
                Baseline = Baseline is null ? null : Engine.Kernels.KernelRegistry.Get(Baseline).Name,
            };
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }

    protected override void ProcessRecord()
    {
        if (PlanSweep(Kernel, All) is not { } sweep)
        {
            return;
        }

        WriteVerbose($"Settings: {_settings.Describe()}");
        try
        {
            Stream("Measure-Kernel", (stop, report) => _benchmark!.Measure(sweep.Plans, report, stop), row =>
            {
                if (row.Status != MeasurementStatus.Ok)
                {
                    WriteError(ToErrorRecord(new MandelPSException(ErrorKind.FailedCheck, "Kernel",
                        $"{row.Kernel} disagrees with the reference on {row.DifferingPixels} pixels; it was not timed", row.Kernel), row));
                }

                WriteVerbose($"{row.Kernel}: {row.Runs} runs x {row.RepetitionsPerRun}, stopped by {row.StopReason}, {row.Outliers} outliers, median {row.MedianMs:0.###} ms (CI +-{row.CiRelativeWidth * 50:0.#}%)");
                WriteObject(row);
            });
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
}
