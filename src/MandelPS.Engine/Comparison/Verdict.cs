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
}
