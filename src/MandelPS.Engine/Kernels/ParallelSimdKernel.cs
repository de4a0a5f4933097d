using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// ParallelSimd — both at once: <see cref="SimdKernel"/> rows pulled dynamically by one worker per core
/// (<see cref="ParallelKernel"/>'s scheduling). Teaches: SIMD and cores multiply. Exact.
/// Honours <c>VectorWidth</c> and <c>DegreeOfParallelism</c>.
/// </summary>
public sealed class ParallelSimdKernel : Kernel
{
    public override string Name => "ParallelSimd";

    public override string Technique => "Simd rows pulled dynamically by one worker per core";

    public override KernelFamily Family => KernelFamily.Parallel;

    public override bool IsExact => true;

    public override bool UsesSimd => true;

    public override void Compute<T>(KernelJob<T> job)
    {
        var rows = new SimdRows<T>(job, job.Options.VectorWidth);
        RowScheduler.Run(job.Height, job.Options.EffectiveDegreeOfParallelism, job.Cancellation, rows.SolveRow);
    }
}
