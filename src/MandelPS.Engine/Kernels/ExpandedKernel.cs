using System.Numerics;
using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Expanded — the tutorial's Cython/ShedSkin "expanded math": the complex square written out on real
/// and imaginary parts, and abs(z) &gt; 2 replaced by zx^2 + zy^2 &gt; 4 (no square root).
/// Teaches: plain floating-point arithmetic on locals is what the CPU is good at.
/// This is THE REFERENCE: every exact kernel must reproduce its counts bit for bit, in both precisions.
/// </summary>
public sealed class ExpandedKernel : Kernel
{
    public override string Name => "Expanded";

    public override string Technique => "Cython/ShedSkin expanded math: real/imag doubles, |z|^2 > 4 without sqrt (the reference)";

    public override KernelFamily Family => KernelFamily.Scalar;

    public override bool IsExact => true;

    public override void Compute<T>(KernelJob<T> job)
    {
        for (var j = 0; j < job.Height; j++)
        {
            SolveRow(job, j);
        }
    }

    /// <summary>One row of the reference; <see cref="ParallelKernel"/> hands rows of it to every core.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SolveRow<T>(KernelJob<T> job, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cy = job.Y[j];
        var output = job.Row(j);
        var xs = job.X;
        for (var i = 0; i < xs.Length; i++)
        {
            // Per pixel, not per row: with a high iteration limit one row can take minutes (Ctrl+C).
            job.Cancellation.ThrowIfCancellationRequested();
            output[i] = EscapeCount(xs[i], cy, job.MaxIterations);
        }
    }

    /// <summary>The definition of the problem: n such that |z_(n+1)|^2 &gt; 4, or maxIterations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int EscapeCount<T>(T cx, T cy, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T> => EscapeCount(cx, cy, T.CreateTruncating(4), maxIterations);

    /// <summary>
    /// The same loop with 4 passed in: the one form device compilers can take too (ILGPU compiles this
    /// method into the GPU kernels, but not the generic conversion that makes the 4 above).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int EscapeCount<T>(T cx, T cy, T four, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T zx = T.Zero, zy = T.Zero;
        var n = 0;
        for (; n < maxIterations; n++)
        {
            var zxNew = (zx * zx - zy * zy) + cx;
            var zyNew = (zx * zy + zy * zx) + cy;
            zx = zxNew;
            zy = zyNew;
            if (zx * zx + zy * zy > four)
            {
                break;
            }
        }

        return n;
    }
}
