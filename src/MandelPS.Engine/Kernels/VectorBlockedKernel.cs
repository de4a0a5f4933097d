using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// VectorBlocked — the tutorial's numpy_vector_2.py: the same whole-array passes as
/// <see cref="VectorWholeKernel"/>, but over slices of <c>BlockSize</c> pixels, so a slice's arrays stay
/// in cache for all of its iterations. Teaches: cache blocking. Exact.
/// The default block (<see cref="DefaultBlockSize"/> pixels, about 100 KB of double arrays) is the
/// fastest measured on the development machine: `examples/Sweep-BlockSize.ps1` re-measures it.
/// </summary>
public sealed class VectorBlockedKernel : Kernel
{
    public const int DefaultBlockSize = 2048;

    public override string Name => "VectorBlocked";

    public override string Technique => "numpy_vector_2.py: the same array passes over cache-sized blocks (BlockSize)";

    public override KernelFamily Family => KernelFamily.Vector;

    public override bool IsExact => true;

    public override void Compute<T>(KernelJob<T> job)
    {
        var pixels = job.Counts.Length;
        var block = Math.Min(job.Options.BlockSize ?? DefaultBlockSize, pixels);
        var passes = new ArrayPasses<T>(block);
        for (var start = 0; start < pixels; start += block)
        {
            passes.Solve(job, start, Math.Min(block, pixels - start));
        }
    }
}
