namespace MandelPS.Engine.Problem;

/// <summary>The SIMD register width a vector kernel uses.</summary>
public enum VectorWidth
{
    /// <summary>The widest width this machine accelerates.</summary>
    Auto = 0,

    /// <summary>No SIMD: one pixel at a time through the same driver.</summary>
    Scalar = 1,
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}
