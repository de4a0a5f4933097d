using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// One kernel timed on one request. Flat scalar properties only, so a row survives Export-Csv /
/// Import-Csv, ConvertTo-Json, --format csv|json and merging tables from many machines. A row carries
/// the request that produced it (so rows of a sweep stay distinguishable and any row can be re-run),
/// what really ran (threads, vector width) and its run times (<see cref="SamplesMs"/>), so a comparison
/// can be redone later from a saved file.
/// </summary>
public sealed class KernelMeasurement
{
    public string Kernel { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public Precision Precision { get; init; }

    public GridStyle Grid { get; init; }

    /// <summary>xmin,xmax,ymin,ymax (invariant culture) of a Linear grid.</summary>
    public string Viewport { get; init; } = "";

    /// <summary>The tutorial's size argument for the Tutorial grid; 0 otherwise.</summary>
    public int TutorialSize { get; init; }

    /// <summary>Worker threads that ran (1 for serial kernels).</summary>
    public int Threads { get; init; }

    /// <summary>The SIMD width that ran (None for kernels without SIMD).</summary>
    public VectorWidth VectorWidth { get; init; }

    /// <summary>Pixels per block that ran (0 for kernels that do not work in blocks).</summary>
    public int BlockSize { get; init; }

    /// <summary>Iterations between escape tests that ran (0 for kernels that test every iteration).</summary>
    public int EscapeInterval { get; init; }

    /// <summary>The device that ran the kernel: "CPU" for CPU kernels, the chosen device for GPU kernels.</summary>
    public string Device { get; init; } = "CPU";

    /// <summary>Work-items per group that ran (0 for kernels not launched in groups).</summary>
    public int GroupSize { get; init; }

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

    /// <summary>The median of the first row measured on the same problem over this one's (Naive's in a ladder).</summary>
    public double Speedup { get; init; }

    /// <summary>Speedup over the same kernel measured earlier on one thread, divided by threads; 0 without one.</summary>
    public double ParallelEfficiency { get; init; }

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

    /// <summary>The measurement settings, flat and culture-invariant ("harness=3;warmup=1;minRuns=5;...").</summary>
    public string Settings { get; init; } = "";

    /// <summary>Every sample's mean run time in ms, ';'-separated, invariant culture.</summary>
    public string SamplesMs { get; init; } = "";

    /// <summary>Milliseconds spent compiling code in the correctness run (a GPU program, a formula): paid on first use in the process, never part of the samples; 0 when nothing was compiled.</summary>
    public double CompileMs { get; init; }

    /// <summary>The median per run of each phase the kernel timed itself, ms ("Upload=0.41;Compute=5.2;Download=0.38"); empty for CPU kernels.</summary>
    public string Phases { get; init; } = "";

    /// <summary>For kernels that choose a code path by the data (Simd, ParallelSimd): which ran, with each one's share of the pixel groups, in the correctness run ("RacedFinalTest 61%, Stepped 39%"); empty for kernels with one path.</summary>
    public string CodePath { get; init; } = "";

    /// <summary>What the run times include: "Compute" for CPU kernels, e.g. "Upload+Compute+Download" for a GPU kernel.</summary>
    public string TimeIncludes { get; init; } = "Compute";

    /// <summary>The iteration the Formula kernels solved (z^2 + c for every other kernel).</summary>
    public string Formula { get; init; } = Formulas.Formula.DefaultText;

    /// <summary>The escape radius of the formula (2 for the Mandelbrot set).</summary>
    public double EscapeRadius { get; init; } = Formulas.Formula.DefaultEscapeRadius;

    /// <summary>The problem a row measured, without kernel and tuning: rows with equal keys are comparable.</summary>
    public string ProblemKey => ProblemKeys.Format(Grid, Viewport, TutorialSize, Width, Height, MaxIterations, Precision, ProblemKeys.FormulaPart(Formula, EscapeRadius));
}
