namespace MandelPS.Engine.Problem;

/// <summary>The floating-point type a kernel iterates in.</summary>
public enum Precision
{
    /// <summary>IEEE 754 binary64 (C# double); the default and the reference.</summary>
    Double,

    /// <summary>IEEE 754 binary32 (C# float): twice the SIMD lanes, visibly coarser on deep zooms.</summary>
    Single,
}
