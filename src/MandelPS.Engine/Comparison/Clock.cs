namespace MandelPS.Engine.Comparison;

/// <summary>The clock whose samples decide a verdict.</summary>
public enum Clock
{
    /// <summary>Elapsed time: what a user waits for.</summary>
    Wall,

    /// <summary>The process's CPU time over the runs (every thread's): less moved by a neighbour's load on a shared machine.</summary>
    Cpu,
}
