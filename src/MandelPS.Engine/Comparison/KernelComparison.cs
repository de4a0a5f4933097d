namespace MandelPS.Engine.Comparison;

/// <summary>
/// One candidate against its baseline: speedup with its interval and a verdict from a stated test, next
/// to the precision loss on the same grid. Flat scalars, with the samples of both sides kept so the
/// test can be redone from a saved file.
/// </summary>
public sealed class KernelComparison
{
    public string Kernel { get; init; } = "";

    public string Baseline { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public string Precision { get; init; } = "";

    public string BaselinePrecision { get; init; } = "";

    public int Threads { get; init; }

    public int Runs { get; init; }

    public double BaselineMedianMs { get; init; }

    public double MedianMs { get; init; }

    /// <summary>Baseline median over candidate median: 2 means twice as fast.</summary>
    public double Speedup { get; init; }

    /// <summary>95% bootstrap interval of the speedup.</summary>
    public double SpeedupCiLower { get; init; }

    public double SpeedupCiUpper { get; init; }

    /// <summary>Faster, Same or Slower: Mann-Whitney U with <see cref="Threshold"/> and <see cref="Alpha"/>.</summary>
    public string Verdict { get; init; } = "";

    /// <summary>True when the verdict is Slower: a regression beyond noise and threshold.</summary>
    public bool IsRegression => Verdict == nameof(Comparison.Verdict.Slower);

    /// <summary>p-value behind the verdict (of "faster" when Faster, else of "slower").</summary>
    public double PValue { get; init; }

    public double Threshold { get; init; }

    public double Alpha { get; init; }

    /// <summary>For parallel kernels: speedup over the same kernel on one thread, divided by threads; else 0.</summary>
    public double ParallelEfficiency { get; init; }

    public long DifferingPixels { get; init; }

    public double DifferingPercent { get; init; }

    public long ValidationSumDelta { get; init; }

    public int MaxCountError { get; init; }

    public bool IsExact { get; init; }

    /// <summary>"Alternated" for a live comparison; "Saved" when two saved result sets were compared.</summary>
    public string Method { get; init; } = "";

    public string ComputerName { get; init; } = "";

    public string Settings { get; init; } = "";

    public string BaselineSamplesMs { get; init; } = "";

    public string SamplesMs { get; init; } = "";
}
