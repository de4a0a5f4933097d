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

    /// <summary>Deliberately fast and wrong: fewer escape tests, fused rounding, a racy row counter.</summary>
    Lossy,

    /// <summary>On a GPU (or any OpenCL/ILGPU device): array operations, one work-item per pixel, grid-stride loops, run-time compiled source.</summary>
    Gpu,

    /// <summary>Many threads updating one shared histogram (the Buddhabrot), with and without synchronisation.</summary>
    SharedData,

    /// <summary>A user's formula (-Formula) run by an interpreter, a partial evaluator, IL and vector code.</summary>
    Formula,
}
