namespace MandelPS.Engine.Measurement;

/// <summary>
/// One kernel timed on one request. Flat scalar properties only, so a row survives Export-Csv /
/// Import-Csv, ConvertTo-Json, --format csv|json and merging tables from many machines; the run times
/// themselves travel in <see cref="SamplesMs"/> so a comparison can be redone later from a saved file.
/// </summary>
public sealed class KernelMeasurement
{
    public string Kernel { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public string Precision { get; init; } = "";

    public string Grid { get; init; } = "";

    public int Threads { get; init; }

    public string VectorWidth { get; init; } = "";

    /// <summary>"Ok", or "Failed" when an exact kernel disagreed with the reference (then not timed).</summary>
    public string Status { get; init; } = "Ok";

    /// <summary>Measured samples (after outlier removal when the settings remove them).</summary>
    public int Runs { get; init; }

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

    /// <summary>Samples outside Tukey's fences (removed or kept, per the settings).</summary>
    public int Outliers { get; init; }

    /// <summary>The harness's own cost per run (an empty kernel), measured in the same process.</summary>
    public double OverheadMs { get; init; }

    /// <summary>Giga inner-loop iterations per second at the median time.</summary>
    public double GIterPerSec { get; init; }

    public double MPixelsPerSec { get; init; }

    /// <summary>The slowest kernel's median over this one's, among kernels measured on the same problem.</summary>
    public double Speedup { get; set; }

    /// <summary>Speedup over the same kernel on one thread, divided by threads; 0 when no one-thread run was measured.</summary>
    public double ParallelEfficiency { get; set; }

    public long ValidationSum { get; init; }

    public long TotalIterations { get; init; }

    public bool IsExact { get; init; }

    /// <summary>Pixels whose count differs from the reference kernel's on the same grid.</summary>
    public long DifferingPixels { get; init; }

    public long ValidationSumDelta { get; init; }

    public int MaxCountError { get; init; }

    public long AllocatedBytesPerRun { get; init; }

    public string ComputerName { get; init; } = "";

    public string OS { get; init; } = "";

    public string ProcessorName { get; init; } = "";

    public int LogicalCores { get; init; }

    public string DotNetVersion { get; init; } = "";

    public string MaxVectorWidth { get; init; } = "";

    /// <summary>The OpenCL device used; empty for CPU kernels.</summary>
    public string OpenCLDevice { get; init; } = "";

    public string MandelPSVersion { get; init; } = "";

    /// <summary>When the measurement finished, ISO 8601 UTC.</summary>
    public string Timestamp { get; init; } = "";

    /// <summary>The measurement settings, flat ("harness=2;warmup=1;minRuns=5;...").</summary>
    public string Settings { get; init; } = "";

    /// <summary>Every sample's mean run time in ms, ';'-separated, invariant culture.</summary>
    public string SamplesMs { get; init; } = "";

    /// <summary>The problem a row measured, without kernel and tuning: rows with equal keys are comparable.</summary>
    public string ProblemKey => $"{Width}x{Height}/{MaxIterations}/{Precision}/{Grid}";
}
