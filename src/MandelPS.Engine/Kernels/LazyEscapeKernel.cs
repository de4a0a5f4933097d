using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// LazyEscape — fast and wrong: the <see cref="SimdKernel"/> registers, but the escape is tested only
/// once every <c>EscapeInterval</c> iterations (default 8) and never redone: fewer compares and
/// branches, counts rounded up to the end of the block in which a pixel escaped, and an orbit that
/// overflowed to NaN inside a block never seen to escape. Teaches: what skipping a check buys and
/// costs, measured against its exact twin Simd. With EscapeInterval 1 it equals the reference.
/// </summary>
public sealed class LazyEscapeKernel : Kernel
{
    private const int MeasuredInterval = 8;

    public override string Name => "LazyEscape";

    public override string Technique => "Simd with the escape tested every EscapeInterval iterations and no exact redo (fast and wrong)";

    public override KernelFamily Family => KernelFamily.Lossy;

    public override bool IsExact => false;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.VectorWidth, KernelOption.EscapeInterval(MeasuredInterval)];

    public override string? Twin => "Simd";

    public override void Compute<T>(KernelJob<T> job)
    {
        new SimdRows<T>(job, SimdStep.Lazy).Solve(threads: 1);
    }
}
