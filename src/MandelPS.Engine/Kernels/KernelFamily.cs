namespace MandelPS.Engine.Kernels;

/// <summary>The rung of the technique ladder a kernel belongs to.</summary>
public enum KernelFamily
{
    /// <summary>One pixel at a time on one core.</summary>
    Scalar,

    /// <summary>Whole-array passes, numpy style.</summary>
    Vector,

    /// <summary>Explicit SIMD registers with per-lane early exit.</summary>
    Simd,

    /// <summary>All cores.</summary>
    Parallel,
}
