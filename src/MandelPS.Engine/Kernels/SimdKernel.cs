using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Simd — what numpy's vectors wanted to be: explicit System.Runtime.Intrinsics registers at the widest
/// accelerated width (512/256/128 bits; <c>VectorWidth</c> picks another accelerated one), each lane with
/// its own escape mask, the loop running until every lane has escaped; four registers stepping in flight
/// hide operation latency, and past the dense early escapes blocks of 64 iterations run without
/// bookkeeping, redone step by step only when a lane escaped in them: z alone, twelve vectors side by side
/// (six with AVX2's 16 registers), in blocks that grow to 512 iterations while none fails, where escapes
/// are permanent (the escaped lanes wait, and are redone four vectors at a time, while the others race
/// on); four keeping each lane's largest |z|^2 elsewhere. The result's CodePath says which ran.
/// Teaches: data parallelism inside one core without giving up the early exit. Exact: per lane it is the reference's arithmetic, in order.
/// </summary>
public sealed class SimdKernel : Kernel
{
    public override string Name => "Simd";

    public override string Technique => "System.Runtime.Intrinsics: widest vectors, per-lane escape masks, 4 stepping in flight, then raced 64-iteration blocks (12 at a time, 6 with 16 registers, where escapes are permanent)";

    public override KernelFamily Family => KernelFamily.Simd;

    public override bool IsExact => true;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.VectorWidth];

    public override bool HasMembershipPath => true;

    public override void Compute<T>(KernelJob<T> job)
    {
        new SimdRows<T>(job).Solve(threads: 1);
    }
}
