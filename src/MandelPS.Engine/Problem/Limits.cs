namespace MandelPS.Engine.Problem;

/// <summary>The allowed ranges of request parameters, stated once so errors and help agree.</summary>
public static class Limits
{
    public const int MinSize = 1;
    public const int MaxSize = 1_000_000;
    public const int MinIterations = 1;
    public const int MaxIterations = int.MaxValue;
    public const int MinTutorialSize = 1;
    public const int MaxTutorialSize = 2_000_000;

    /// <summary>The largest pixel count whose counts fit one .NET array.</summary>
    public static long MaxPixelsPerArray => Array.MaxLength;
}
