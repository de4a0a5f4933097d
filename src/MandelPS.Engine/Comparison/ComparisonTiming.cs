using System.Globalization;
using MandelPS.Engine.Measurement;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// The timing figures every comparison row states, from both sides' samples: by the deciding clock the
/// medians, the speedup with its bootstrap interval, the verdict of the stated test (or Inconclusive with
/// the reason a side was not timed), and the smallest slowdown the comparison could have called Slower;
/// beside it the speedup by the other clock. Samples measured in different processes carry the drift
/// between processes: the test's threshold widens by it, and what would read Same within it is
/// Inconclusive, never Same.
/// </summary>
public sealed record ComparisonTiming
{
    public required IReadOnlyList<double> BaselineSamples { get; init; }

    public required IReadOnlyList<double> CandidateSamples { get; init; }

    public IReadOnlyList<double> BaselineCpuSamples { get; init; } = [];

    public IReadOnlyList<double> CandidateCpuSamples { get; init; } = [];

    public required MeasurementSettings Settings { get; init; }

    public Clock Clock { get; init; } = Clock.Wall;

    /// <summary>Drift between the processes the two sides ran in (0: one process, or alternated); null: unknown.</summary>
    public double? Drift { get; init; } = 0;

    /// <summary>Why a side could not be timed (a failed correctness check); empty when both were.</summary>
    public string Failure { get; init; } = "";

    internal IReadOnlyList<double> Baseline => Clock == Clock.Cpu ? BaselineCpuSamples : BaselineSamples;

    internal IReadOnlyList<double> Candidate => Clock == Clock.Cpu ? CandidateCpuSamples : CandidateSamples;

    /// <summary>The verdict and its figures by the deciding clock.</summary>
    internal (double BaselineMs, double CandidateMs, double Speedup, double Lower, double Upper, Verdict Verdict, double PValue, string Reason, double Detectable) Decide()
    {
        var b = Median(Baseline);
        var c = Median(Candidate);
        var speedup = c > 0 ? b / c : 0;
        var (lower, upper) = b > 0 && c > 0 ? SpeedupInterval.Compute(Baseline, Candidate, Settings.Seed) : (0.0, 0.0);
        var outcome = SignificanceTest.Compare(Baseline, Candidate, Settings.Threshold + (Drift ?? 0), Settings.Alpha);
        var (verdict, reason) = (outcome.Verdict, outcome.Reason);
        if (Failure.Length > 0)
        {
            (verdict, reason) = (Verdict.Inconclusive, Failure);
        }
        else if (Clock == Clock.Cpu && (Baseline.Count == 0 || Candidate.Count == 0))
        {
            (verdict, reason) = (Verdict.Inconclusive, "a side has no CPU samples (saved before they were kept): compare by the Wall clock");
        }
        else if (Drift is null && verdict != Verdict.Inconclusive)
        {
            (verdict, reason) = (Verdict.Inconclusive,
                "the sets were measured in different runs, each in one process, so how far this machine drifts between processes is unknown: measure both with Processes 3 or more, or compare the builds alternately (BaselineBuild)");
        }
        else if (Drift > 0 && verdict == Verdict.Same)
        {
            (verdict, reason) = (Verdict.Inconclusive, string.Create(CultureInfo.InvariantCulture,
                $"speedup {speedup:0.###} is within the threshold ({Settings.Threshold * 100:0.#}%) plus this machine's drift between processes ({Drift * 100:0.#}%): it cannot be told from Same; compare the builds alternately (BaselineBuild) to decide"));
        }

        // The smallest slowdown the test could have called Slower: the threshold it used, plus the interval's half-width.
        var halfWidth = speedup > 0 && upper > 0 ? (upper - lower) / 2 / speedup : double.PositiveInfinity;
        return (b, c, speedup, lower, upper, verdict, outcome.PValue, reason, Settings.Threshold + (Drift ?? 0) + halfWidth);
    }

    /// <summary>The speedup by the CPU clock, or null where a side has no CPU samples.</summary>
    internal double? CpuSpeedup() => Median(BaselineCpuSamples) is > 0 and var b && Median(CandidateCpuSamples) is > 0 and var c ? b / c : null;

    private double Median(IReadOnlyList<double> samples) => samples.Count == 0 ? 0 : new SampleStatistics(samples, Settings.RemoveOutliers).Median;
}
