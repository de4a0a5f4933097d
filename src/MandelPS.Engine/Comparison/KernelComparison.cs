namespace MandelPS.Engine.Comparison;

/// <summary>One candidate against the baseline: speedup and precision loss, side by side. Flat scalars.</summary>
public sealed class KernelComparison
{
    public string Kernel { get; init; } = "";

    public string Baseline { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public string Precision { get; init; } = "";

    public double BaselineMedianMs { get; init; }

    public double MedianMs { get; init; }

    /// <summary>Baseline median over candidate median: 2 means twice as fast.</summary>
    public double Speedup { get; init; }

    public long DifferingPixels { get; init; }

    public double DifferingPercent { get; init; }

    public long ValidationSumDelta { get; init; }

    public int MaxCountError { get; init; }

    public bool IsExact { get; init; }

    public int Runs { get; init; }
}
