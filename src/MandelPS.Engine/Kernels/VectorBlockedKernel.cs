namespace MandelPS.Engine.Kernels;

/// <summary>
/// VectorBlocked — the tutorial's numpy_vector_2.py: the same whole-array passes as
/// <see cref="VectorWholeKernel"/>, but over slices of <c>BlockSize</c> pixels, so a slice's arrays stay
/// in cache for all of its iterations. Teaches: cache blocking. Exact.
/// The default block (4096 pixels: 4 double arrays + flags, ~132 KB, inside a
/// 1 MB L2) was the fastest measured on the development machine (1000x1000, 1000 iterations: 256 px
/// 1965 ms, 2048 px 1601 ms, 4096 px 1567 ms, 32768 px 1617 ms, whole image 1830 ms);
/// `examples/Sweep-BlockSize.ps1` re-measures it.
/// </summary>
public sealed class VectorBlockedKernel : Kernel
{
    private const int MeasuredBlockSize = 4096;

    public override string Name => "VectorBlocked";

    public override string Technique => "numpy_vector_2.py: the same array passes over cache-sized blocks (BlockSize)";

    public override KernelFamily Family => KernelFamily.Vector;

    public override bool IsExact => true;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.BlockSize(MeasuredBlockSize)];

    public override void Compute<T>(KernelJob<T> job)
    {
        var pixels = job.Counts.Length;
        var block = Math.Min(job.BlockSize, pixels);
        var passes = new ArrayPasses<T>(block);
        for (var start = 0; start < pixels; start += block)
        {
            passes.Solve(job, start, Math.Min(block, pixels - start));
        }
    }
}
