namespace MandelPS.Engine.Measurement;

/// <summary>
/// One kernel timed on one request: flat scalar properties only, so a row survives Export-Csv,
/// ConvertTo-Json, --format csv|json and merging tables from many machines unchanged.
/// </summary>
public sealed class KernelMeasurement
{
    public string Kernel { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public string Precision { get; init; } = "";

    public string Grid { get; init; } = "";

    /// <summary>"Ok", or "Failed" when an exact kernel disagreed with the reference (then not timed).</summary>
    public string Status { get; init; } = "Ok";

    public int Runs { get; init; }

    public double MedianMs { get; init; }

    public double MinMs { get; init; }

    public double MaxMs { get; init; }

    public double MeanMs { get; init; }

    /// <summary>Giga inner-loop iterations per second at the median time.</summary>
    public double GIterPerSec { get; init; }

    public double MPixelsPerSec { get; init; }

    /// <summary>The slowest kernel's median over this one's, among kernels measured on the same request.</summary>
    public double Speedup { get; set; }

    public long ValidationSum { get; init; }

    public long TotalIterations { get; init; }

    public bool IsExact { get; init; }

    /// <summary>Pixels whose count differs from the reference kernel's on the same grid.</summary>
    public long DifferingPixels { get; init; }

    public long ValidationSumDelta { get; init; }

    public int MaxCountError { get; init; }

    public string VectorWidth { get; init; } = "";

    public int Threads { get; init; }
}
