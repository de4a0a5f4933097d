using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

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
/// <para>Measures one row per CSV line (columns Kernel, Width, Height, MaxIterations).</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel Expanded, Simd -TutorialSize 1000 -TimeBudgetSeconds 1 -MinRunTimeMs 20</code>
/// <para>A quick measurement on the tutorial's 500x500 grid: at most one second of adaptive sampling per kernel, each sample lasting at least 20 ms.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Measure, "Kernel", DefaultParameterSetName = KernelSet)]
[OutputType(typeof(KernelMeasurement))]
public sealed class MeasureKernelCommand : MandelPSCmdlet
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

    /// <summary>Pixels per row; several values sweep (default 1000).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? Width { get; set; }

    /// <summary>Rows; several values sweep (default 1000).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? Height { get; set; }

    /// <summary>Iteration limit per pixel; several values sweep (default 1000).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? MaxIterations { get; set; }

    /// <summary>Double, Single or both (default Double).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Precision[]? Precision { get; set; }

    /// <summary>Thread counts for parallel kernels; several values sweep (default: one per core).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? Threads { get; set; }

    /// <summary>SIMD width for Simd kernels (default Auto: the widest accelerated here).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public VectorWidth VectorWidth { get; set; }

    /// <summary>Pixels per block for VectorBlocked (default: its measured best).</summary>
    [Parameter]
    public int BlockSize { get; set; }

    /// <summary>Iterations between escape tests for LazyEscape (default 8; 1 makes it exact).</summary>
    [Parameter]
    public int EscapeInterval { get; set; }

    /// <summary>The device GPU kernels run on: an index or name pattern from Get-KernelDevice (default: the best GPU; cpu = ILGPU's CPU accelerator, pocl0 = OpenCL on the CPU).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string Device { get; set; } = "";

    /// <summary>Work-items per group for GpuGridStride (default 256, or the device's maximum if lower).</summary>
    [Parameter]
    public int GroupSize { get; set; }

    /// <summary>xmin, xmax, ymin, ymax (default: the tutorial's -2.13, 0.77, -1.3, 1.3).</summary>
    [Parameter]
    [ValidateCount(4, 4)]
    public double[]? Viewport { get; set; }

    /// <summary>Use the tutorial's pure_python_2.py grid with this size argument instead of Width/Height/Viewport.</summary>
    [Parameter]
    public int TutorialSize { get; set; }

    /// <summary>A problem defined elsewhere (BenchmarksGame); give its -Size.</summary>
    [Parameter]
    public RenderPreset Preset { get; set; }

    /// <summary>The preset's size (BenchmarksGame: N).</summary>
    [Parameter]
    [Alias("N")]
    public int Size { get; set; }

    /// <summary>The iteration for the Formula kernels, e.g. 'z^3 + c' (default 'z^2 + c'): z, c, numbers, i, + - * / ^, abs re im conj sqr exp.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public string? Formula { get; set; }

    /// <summary>|z| beyond which an orbit escapes, for the Formula kernels (default 2).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public double EscapeRadius { get; set; }

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

    /// <summary>Seed of the alternation order and the bootstrap, so a measurement can be redone.</summary>
    [Parameter]
    public int Seed { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _settings = BoundParameters.ToSettings(MyInvocation.BoundParameters);
            _benchmark = new KernelBenchmark(_settings);
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
