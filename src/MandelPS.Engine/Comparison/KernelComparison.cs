using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// One candidate against its baseline: speedup with its interval and a verdict from a stated test, next
/// to the precision loss on the same grid. Flat scalars; the candidate's request is on the row, and the
/// samples of both sides are kept so the test can be redone from a saved file.
/// </summary>
public sealed class KernelComparison
{
    public string Kernel { get; init; } = "";

    public string Baseline { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public Precision Precision { get; init; }

    public Precision BaselinePrecision { get; init; }

    public GridStyle Grid { get; init; }

    /// <summary>xmin,xmax,ymin,ymax (invariant culture) of a Linear grid.</summary>
    public string Viewport { get; init; } = "";

    /// <summary>The tutorial's size argument for the Tutorial grid; 0 otherwise.</summary>
    public int TutorialSize { get; init; }

    /// <summary>The iteration both sides solved (z^2 + c unless a Formula kernel was given another).</summary>
    public string Formula { get; init; } = Formulas.Formula.DefaultText;

    /// <summary>The formula's escape radius (2 for the Mandelbrot set).</summary>
    public double EscapeRadius { get; init; } = Formulas.Formula.DefaultEscapeRadius;

    public int Threads { get; init; }

    public VectorWidth VectorWidth { get; init; }

    /// <summary>The device that ran the candidate ("CPU" for CPU kernels).</summary>
    public string Device { get; init; } = "CPU";

    /// <summary>Failed when the candidate (an exact kernel) disagreed with the reference: then it was not timed.</summary>
    public MeasurementStatus Status { get; init; }

    public int Runs { get; init; }

    public double BaselineMedianMs { get; init; }

    public double MedianMs { get; init; }

    /// <summary>Baseline median over candidate median: 2 means twice as fast.</summary>
    public double Speedup { get; init; }

    /// <summary>95% bootstrap interval of the speedup.</summary>
    public double SpeedupCiLower { get; init; }

    public double SpeedupCiUpper { get; init; }

    /// <summary>Faster, Same, Slower or Inconclusive: Mann-Whitney U with <see cref="Threshold"/> and <see cref="Alpha"/>.</summary>
    public Verdict Verdict { get; init; }

    /// <summary>Why the verdict is Inconclusive; empty otherwise.</summary>
    public string VerdictReason { get; init; } = "";

    /// <summary>True when the verdict is Slower: a regression beyond noise and threshold.</summary>
    public bool IsRegression => Verdict == Verdict.Slower;

    /// <summary>p-value behind the verdict (of "faster" when Faster, else of "slower").</summary>
    public double PValue { get; init; }

    public double Threshold { get; init; }

    public double Alpha { get; init; }

    /// <summary>For parallel kernels: speedup over the same kernel on one thread, divided by threads; else 0.</summary>
    public double ParallelEfficiency { get; init; }

    /// <summary>Pixels whose count differs from the baseline's (live), or from the reference's (saved sets).</summary>
    public long DifferingPixels { get; init; }

    public double DifferingPercent { get; init; }

    public long ValidationSumDelta { get; init; }

    public int MaxCountError { get; init; }

    /// <summary>Sum of all counts minus the baseline's: for a histogram (Buddhabrot), the increments lost.</summary>
    public long CountSumDelta { get; init; }

    /// <summary>Sum of |count - baseline count| over the sum of baseline counts: the image difference.</summary>
    public double RelativeL1Difference { get; init; }

    /// <summary>For kernels whose counts vary run to run: the differing pixels after each measured run, ';'-separated.</summary>
    public string DifferingPixelsOverRuns { get; init; } = "";

    /// <summary>For kernels whose counts vary run to run: CountSumDelta after each measured run, ';'-separated.</summary>
    public string CountSumDeltaOverRuns { get; init; } = "";

    /// <summary>True only when no pixel differs and the validation sums agree.</summary>
    public bool IsExact { get; init; }

    public ComparisonMethod Method { get; init; }

    public string ComputerName { get; init; } = "";

    public string Settings { get; init; } = "";

    public string BaselineSamplesMs { get; init; } = "";

    public string SamplesMs { get; init; } = "";
}
