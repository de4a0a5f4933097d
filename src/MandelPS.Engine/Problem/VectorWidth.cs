namespace MandelPS.Engine.Problem;

/// <summary>The SIMD register width a vector kernel uses.</summary>
public enum VectorWidth
{
    /// <summary>The widest width this machine accelerates (a request's default).</summary>
    Auto = 0,

    /// <summary>No SIMD registers: what a result reports for kernels that use none.</summary>
    None = 1,
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}
