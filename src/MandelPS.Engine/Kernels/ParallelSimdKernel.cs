using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// ParallelSimd — both at once: <see cref="SimdKernel"/> rows pulled dynamically by one worker per core
/// (<see cref="ParallelKernel"/>'s scheduling). Teaches: SIMD and cores multiply. Exact.
/// Honours <c>VectorWidth</c> and <c>Threads</c>.
/// </summary>
public sealed class ParallelSimdKernel : Kernel
{
    public override string Name => "ParallelSimd";

    public override string Technique => "Simd rows pulled dynamically by one worker per core";

    public override KernelFamily Family => KernelFamily.Parallel;

    public override bool IsExact => true;

    public override bool HasMembershipPath => true;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Threads(), KernelOption.VectorWidth];

    public override void Compute<T>(KernelJob<T> job)
    {
        new SimdRows<T>(job).Solve(job.Threads);
    }
}
