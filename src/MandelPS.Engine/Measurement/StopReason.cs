namespace MandelPS.Engine.Measurement;

/// <summary>Which rule ended a side's sampling (what -Verbose narrates and every row records).</summary>
public enum StopReason
{
    /// <summary>Not sampled (failed its correctness check).</summary>
    None,

    /// <summary>Runs fixed the number of samples.</summary>
    FixedRuns,

    /// <summary>MaxRuns samples were taken.</summary>
    MaxRuns,

    /// <summary>The time budget was spent (after MinRuns).</summary>
    TimeBudget,

    /// <summary>The median's confidence interval became narrow enough (after MinRuns).</summary>
    TargetCi,
}
