namespace MandelPS.Engine.Measurement;

/// <summary>Whether a measured or compared row's kernel passed the correctness gate.</summary>
public enum MeasurementStatus
{
    /// <summary>Checked against the reference (exact kernels: equal) and timed.</summary>
    Ok,

    /// <summary>An exact kernel disagreed with the reference; it was not timed.</summary>
    Failed,
}
