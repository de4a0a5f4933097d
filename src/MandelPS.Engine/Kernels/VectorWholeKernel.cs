namespace MandelPS.Engine.Kernels;

/// <summary>
/// VectorWhole — the tutorial's numpy_vector.py: each iteration is a handful of passes over arrays as
/// large as the whole image, and escaped pixels keep being computed (as zeros) until MaxIterations.
/// Teaches: vector passes remove interpreter overhead but lose the early exit and stream every array
/// through memory once per iteration, so the image no longer fits in cache. Exact.
/// </summary>
public sealed class VectorWholeKernel : Kernel
{
    public override string Name => "VectorWhole";

    public override string Technique => "numpy_vector.py: whole-image array passes per iteration, no per-pixel early exit";

    public override KernelFamily Family => KernelFamily.Vector;

    public override bool IsExact => true;

    public override int WorkingBytesPerPixel => ArrayPasses<double>.BytesPerPixel;

    public override void Compute<T>(KernelJob<T> job)
    {
        var pixels = job.Counts.Length;
        new ArrayPasses<T>(pixels).Solve(job, 0, pixels);
    }
}
