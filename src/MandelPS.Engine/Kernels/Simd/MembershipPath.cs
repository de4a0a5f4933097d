namespace MandelPS.Engine.Kernels.Simd;

/// <summary>How <see cref="MembershipRows{T}"/> decides membership (it picks by the grid; tests force either).</summary>
internal enum MembershipPath
{
    /// <summary>The largest |z|^2 kept every iteration: exact on any grid.</summary>
    RunningMaximum,

    /// <summary>z tested only to stop early and at the end: exact where every |c| &lt;= 1.9.</summary>
    FinalTest,
}
