namespace MandelPS.Engine.Problem;

/// <summary>The floating-point type a kernel iterates in.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Double and Single are the names users type: the IEEE formats themselves.")]
public enum Precision
{
    /// <summary>IEEE 754 binary64 (C# double); the default and the reference.</summary>
    Double,

    /// <summary>IEEE 754 binary32 (C# float): twice the SIMD lanes, visibly coarser on deep zooms.</summary>
    Single,
}
