using System.Runtime.Intrinsics.X86;
using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FusedMultiplyAdd — fast and wrong: the <see cref="SimdKernel"/> registers with fused multiply-adds
/// (zy' = fma(2zx, zy, cy), zx' = fma(zx, zx, cx - zy^2), |z|^2 = fma(zx, zx, zy^2)): one rounding
/// fewer per step, so its counts leave the reference's on boundary pixels. Whether that is more or less
/// accurate is a question for a higher-precision yardstick (<see cref="DoubleDoubleKernel"/>), not for
/// the reference. Teaches: FMA changes results; compilers that fuse silently (gcc, OpenCL C, ptxas)
/// change them too.
/// </summary>
public sealed class FusedMultiplyAddKernel : Kernel
{
    public override string Name => "FusedMultiplyAdd";

    public override string Technique => "Simd with fused multiply-adds: one rounding fewer per step (fast and wrong)";

    public override KernelFamily Family => KernelFamily.Lossy;

    public override bool IsExact => false;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.VectorWidth];

    public override string? Twin => "Simd";

    public override KernelAvailability Availability => Fma.IsSupported
        ? KernelAvailability.Available
        : KernelAvailability.Unavailable("this CPU has no fused multiply-add instructions (x86 FMA3)");

    public override void Compute<T>(KernelJob<T> job)
    {
        new SimdRows<T>(job, SimdStep.Fused).Solve(threads: 1);
    }
}
