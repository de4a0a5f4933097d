using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// One kernel timed on one request. Flat scalar properties only, so a row survives Export-Csv /
/// Import-Csv, ConvertTo-Json, --format csv|json and merging tables from many machines. A row carries
/// the request that produced it whole (<see cref="RequestColumns"/>: rows of a sweep stay
/// distinguishable, and any row piped back into Measure-Kernel re-runs exactly its problem), what really
/// ran, and its run times (<see cref="SamplesMs"/>), so a comparison can be redone later from a saved file.
/// </summary>
public sealed class KernelMeasurement : RequestColumns
{
    public KernelMeasurement()
    {
    }

    /// <summary>A row for <paramref name="request"/>: its request columns copied whole.</summary>
    public KernelMeasurement(RequestColumns request)
        : base(request)
    {
    }

    /// <summary>The device that ran the kernel, by name: "CPU" for CPU kernels, the GPU's own name otherwise.</summary>
    public string DeviceName { get; init; } = KernelTarget.HostDevice;

    /// <summary>Ok, or Failed when an exact kernel disagreed with the reference (then not timed).</summary>
    public MeasurementStatus Status { get; init; }

    /// <summary>Measured samples (at least MinRuns; outliers are counted in <see cref="Outliers"/>).</summary>
    public int Runs { get; init; }

    /// <summary>Which rule ended the sampling: FixedRuns, MaxRuns, TimeBudget or TargetCi (None when not timed).</summary>
    public StopReason StopReason { get; init; }

    /// <summary>Kernel runs averaged into one sample (the pilot stage's choice).</summary>
    public int RepetitionsPerRun { get; init; }

    public double MedianMs { get; init; }

    public double MeanMs { get; init; }

    public double MinMs { get; init; }

    public double MaxMs { get; init; }

    public double StdDevMs { get; init; }

    /// <summary>Lower end of the median's confidence interval (order statistics; coverage in <see cref="CiLevel"/>).</summary>
    public double MedianCiLowerMs { get; init; }

    public double MedianCiUpperMs { get; init; }

    /// <summary>The interval's exact coverage, e.g. 0.9785 for 10 samples.</summary>
    public double CiLevel { get; init; }

    /// <summary>(upper - lower) / median.</summary>
    public double CiRelativeWidth { get; init; }

    /// <summary>Samples outside Tukey's fences (left out of the statistics or kept, per the settings).</summary>
    public int Outliers { get; init; }

    /// <summary>Giga inner-loop iterations per second at the median time.</summary>
    public double GIterPerSec { get; init; }

    public double MPixelsPerSec { get; init; }

    /// <summary>The kernel <see cref="Speedup"/> is over: the problem's reference kernel (Expanded for z^2 + c) unless another was named.</summary>
    public string SpeedupBaseline { get; init; } = "";

    /// <summary>The baseline's median over this row's, on the same problem, measured in the same run; null when the baseline was not (measure it too, or name another).</summary>
    public double? Speedup { get; init; }

    /// <summary>The speedup's 95% bootstrap interval, from both rows' samples; null with <see cref="Speedup"/>.</summary>
    public double? SpeedupCiLower { get; init; }

    public double? SpeedupCiUpper { get; init; }

    /// <summary>Speedup over the same kernel measured earlier on one thread, divided by threads; null without one.</summary>
    public double? ParallelEfficiency { get; init; }

    public long ValidationSum { get; init; }

    public long TotalIterations { get; init; }

    public bool IsExact { get; init; }

    /// <summary>Pixels whose count differs from the reference kernel's on the same grid and precision.</summary>
    public long DifferingPixels { get; init; }

    public long ValidationSumDelta { get; init; }

    public int MaxCountError { get; init; }

    /// <summary>Sum of all counts minus the reference's: for a histogram (Buddhabrot), the increments lost.</summary>
    public long CountSumDelta { get; init; }

    /// <summary>Sum of |count - reference count| over the sum of reference counts.</summary>
    public double RelativeL1Difference { get; init; }

    /// <summary>For kernels whose counts vary run to run: the differing pixels after each measured run, ';'-separated.</summary>
    public string DifferingPixelsOverRuns { get; init; } = "";

    public long AllocatedBytesPerRun { get; init; }

    /// <summary>The harness's own cost per run (an empty kernel), measured in the same process.</summary>
    public double OverheadMs { get; init; }

    public string ComputerName { get; init; } = "";

    public string OS { get; init; } = "";

    public string ProcessorName { get; init; } = "";

    public int LogicalCores { get; init; }

    public string DotNetVersion { get; init; } = "";

    public VectorWidth MaxVectorWidth { get; init; }

    public string MandelPSVersion { get; init; } = "";

    /// <summary>When the measurement finished, ISO 8601 UTC.</summary>
    public string Timestamp { get; init; } = "";

    /// <summary>The measurement settings, flat and culture-invariant ("harness=4;warmup=1;minRuns=5;...").</summary>
    public string Settings { get; init; } = "";

    /// <summary>Every sample's mean run time in ms, ';'-separated, invariant culture.</summary>
    public string SamplesMs { get; init; } = "";

    /// <summary>Every sample's CPU time per run in ms (the process's, every thread: about Threads times the wall time for a parallel kernel), ';'-separated.</summary>
    public string CpuSamplesMs { get; init; } = "";

    /// <summary>The median of <see cref="CpuSamplesMs"/>.</summary>
    public double CpuMedianMs { get; init; }

    /// <summary>One id per measuring run (a Measure-Kernel call, a `mandelps measure`): rows of one run were measured in one process, minutes apart at most.</summary>
    public string RunId { get; init; } = "";

    /// <summary>Worker processes the samples were spread over (Processes); null when measured in this process alone.</summary>
    public int? Processes { get; init; }

    /// <summary>Each worker process's median, ms, ';'-separated; empty when measured in one process.</summary>
    public string ProcessMediansMs { get; init; } = "";

    /// <summary>How far the processes' medians spread ((max - min) / median, 0.08 = 8%): the drift a saved comparison allows for; null when measured in one process.</summary>
    public double? Drift { get; init; }

    /// <summary>Milliseconds spent compiling code in the correctness run (a GPU program, a formula): paid on first use in the process, never part of the samples; 0 when nothing was compiled.</summary>
    public double CompileMs { get; init; }

    /// <summary>The median per run of each phase the kernel timed itself, ms ("Upload=0.41;Compute=5.2;Download=0.38"); empty for CPU kernels.</summary>
    public string Phases { get; init; } = "";

    /// <summary>For kernels that choose a code path by the data (Simd, ParallelSimd, FormulaVectorized): which ran, with each one's share of the pixel groups (four vectors; one for FormulaVectorized), in the correctness run ("RacedFinalTest 61%, Stepped 39%"); empty for kernels with one path.</summary>
    public string CodePath { get; init; } = "";

    /// <summary>What the run times include: "Compute" for CPU kernels, e.g. "Upload+Compute+Download" for a GPU kernel.</summary>
    public string TimeIncludes { get; init; } = "Compute";

    /// <summary>
    /// This machine's arithmetic limit for the row (see <c>Get-KernelLimit</c>): the bare z^2 + c step's rate in its
    /// precision on one core, or on every core for a kernel that ran threads. Empty for a GPU, a Buddhabrot or another formula.
    /// </summary>
    public double? LimitGIterPerSec { get; init; }

    /// <summary>GIterPerSec as a percentage of <see cref="LimitGIterPerSec"/>: how far the kernel is from the machine's ceiling.</summary>
    public double? PercentOfLimit { get; init; }
}
