namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// How a run of iterations without per-lane bookkeeping (a race, or a whole membership row) finds out
/// whether a lane escaped in it. The loops pick by the data; tests force either.
/// </summary>
internal enum EscapeTest
{
    /// <summary>The largest |z|^2 kept every iteration (2 more operations): exact for any c.</summary>
    RunningMaximum,

    /// <summary>z tested only at the end: exact where every iterating lane keeps escapes permanent (<see cref="PermanentEscape"/>).</summary>
    FinalTest,
}
