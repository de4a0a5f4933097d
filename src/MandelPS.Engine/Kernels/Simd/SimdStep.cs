namespace MandelPS.Engine.Kernels.Simd;

/// <summary>Which arithmetic the SIMD driver runs per iteration.</summary>
internal enum SimdStep
{
    /// <summary>The reference's arithmetic, escape tested every iteration (raced blocks redone exactly).</summary>
    Exact,

    /// <summary>Fused multiply-adds: one rounding fewer per operation. Fast and wrong.</summary>
    Fused,

    /// <summary>The escape tested once per block of EscapeInterval iterations, never redone. Fast and wrong.</summary>
    Lazy,
}
