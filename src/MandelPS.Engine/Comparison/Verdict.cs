namespace MandelPS.Engine.Comparison;

/// <summary>What a comparison concludes about a candidate's run times against a baseline's.</summary>
public enum Verdict
{
    /// <summary>Faster by more than the threshold, significantly.</summary>
    Faster,

    /// <summary>No significant difference beyond the threshold (noise, or a change too small to matter).</summary>
    Same,

    /// <summary>Slower by more than the threshold, significantly.</summary>
    Slower,

    /// <summary>Too few runs (or a side not timed) for the test to reach its significance level either way.</summary>
    Inconclusive,
}

/// <summary>How a comparison got its run times.</summary>
public enum ComparisonMethod
{
    /// <summary>Measured now, baseline and candidates alternating in every round.</summary>
    Alternated,

    /// <summary>Redone from two saved result sets' run times.</summary>
    Saved,

    /// <summary>Two builds measured now, each in worker processes of its own, alternating in every round.</summary>
    Builds,
}
