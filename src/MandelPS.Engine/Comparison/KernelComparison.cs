using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// One candidate against its baseline: speedup with its interval and a verdict from a stated test, next
/// to the precision loss on the same grid. Flat scalars; the candidate's request is on the row whole
/// (<see cref="RequestColumns"/>), and the samples of both sides are kept so the test can be redone from a saved file.
/// </summary>
public sealed class KernelComparison : RequestColumns
{
    public KernelComparison()
    {
    }

    /// <summary>A row for the candidate's <paramref name="request"/>: its request columns copied whole.</summary>
    public KernelComparison(RequestColumns request)
        : base(request)
    {
    }

    /// <summary>A row for the candidate's <paramref name="request"/> with the timing figures of <paramref name="timing"/>: the one writer of those columns.</summary>
    internal KernelComparison(RequestColumns request, ComparisonTiming timing)
        : base(request)
    {
        ArgumentNullException.ThrowIfNull(timing);
        var decided = timing.Decide();
        Runs = timing.CandidateSamples.Count;
        BaselineMedianMs = decided.BaselineMs;
        MedianMs = decided.CandidateMs;
        Speedup = decided.Speedup;
        SpeedupCiLower = decided.Lower;
        SpeedupCiUpper = decided.Upper;
        Verdict = decided.Verdict;
        VerdictReason = decided.Reason;
        PValue = decided.PValue;
        DetectableChange = decided.Detectable;
        Threshold = timing.Settings.Threshold;
        Alpha = timing.Settings.Alpha;
        Clock = timing.Clock.ToString();
        CpuSpeedup = timing.CpuSpeedup();
        Drift = timing.Drift;
        Settings = timing.Settings.Describe();
        BaselineSamplesMs = SampleText.Format(timing.BaselineSamples);
        SamplesMs = SampleText.Format(timing.CandidateSamples);
        BaselineCpuSamplesMs = SampleText.Format(timing.BaselineCpuSamples);
        CpuSamplesMs = SampleText.Format(timing.CandidateCpuSamples);
    }

    /// <summary>The kernel the candidate is compared with.</summary>
    public string Baseline { get; init; } = "";

    /// <summary>The baseline's precision (Double or Single).</summary>
    public string BaselinePrecision { get; init; } = "Double";

    /// <summary>For the speedup-versus-loss table: which of its viewports the row is on (Full, BoundaryZoom, DeepZoom, or Custom); null elsewhere.</summary>
    public string? ViewportName { get; init; }

    /// <summary>The device that ran the candidate, by name ("CPU" for CPU kernels).</summary>
    public string DeviceName { get; init; } = KernelTarget.HostDevice;

    /// <summary>Failed when the candidate (an exact kernel) disagreed with the reference: then it was not timed.</summary>
    public MeasurementStatus Status { get; init; }

    public int Runs { get; init; }

    public double BaselineMedianMs { get; init; }

    public double MedianMs { get; init; }

    /// <summary>Baseline median over candidate median, by <see cref="Clock"/>: 2 means twice as fast.</summary>
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

    /// <summary>Which clock's samples decided: Wall (elapsed time) or Cpu (the process's CPU time over the runs).</summary>
    public string Clock { get; init; } = nameof(Comparison.Clock.Wall);

    /// <summary>The speedup by the CPU clock, beside the one that decided; null where a side has no CPU samples (sets saved before they were kept).</summary>
    public double? CpuSpeedup { get; init; }

    /// <summary>The smallest slowdown (0.1 = 10%) this comparison could have called Slower: the threshold, the drift between processes for saved sets, and the interval's half-width.</summary>
    public double DetectableChange { get; init; }

    /// <summary>For saved sets measured in different processes: the drift between processes the verdict allowed for (0.08 = 8%); null where none was known, 0 for one run.</summary>
    public double? Drift { get; init; }

    /// <summary>For builds compared alternately (BaselineBuild): the baseline build (version+commit, engine hash); null otherwise.</summary>
    public string? BaselineBuild { get; init; }

    /// <summary>For builds compared alternately: the candidate build, this one.</summary>
    public string? CandidateBuild { get; init; }

    public double Threshold { get; init; }

    public double Alpha { get; init; }

    /// <summary>For parallel kernels: speedup over the same kernel on one thread, divided by threads; else null.</summary>
    public double? ParallelEfficiency { get; init; }

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

    /// <summary>The baseline's CPU time per sample, ms, ';'-separated (empty for sets saved before it was kept).</summary>
    public string BaselineCpuSamplesMs { get; init; } = "";

    /// <summary>The candidate's CPU time per sample, ms, ';'-separated.</summary>
    public string CpuSamplesMs { get; init; } = "";
}
