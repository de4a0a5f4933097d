using System.Numerics;
using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// What the four Buddhabrot kernels share: every pixel centre c is a sample; a sample whose orbit escapes
/// within MaxIterations has every point of that orbit that lands in the image added to a histogram of
/// the same grid (so the counts are visit counts, not escape counts). Sample rows are handed to all
/// cores dynamically. The variants differ only in how a thread adds to the shared histogram, which is
/// the Pythebo experiment: one lock, atomic increments, private histograms merged at the end (exact,
/// the family's reference), or plain unsynchronised read-modify-write.
/// </summary>
public abstract class BuddhabrotKernel : Kernel
{
    public const string ReferenceName = "BuddhabrotPrivate";

    public override KernelFamily Family => KernelFamily.SharedData;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Threads()];

    public override bool InLadder => false;

    public override string Reference => ReferenceName;

    public override bool IsRowLocal => false;

    public override void Compute<T>(KernelJob<T> job)
    {
        job.Counts.AsSpan().Clear();
        Accumulate(job);
    }

    /// <summary>Fills job.Counts (cleared) with visit counts, adding through this variant's kind of update.</summary>
    protected abstract void Accumulate<T>(KernelJob<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Walks the escaping orbits of sample row j, adding each orbit point inside the image to the bins.</summary>
    protected static void WalkRow<T, TBins>(KernelJob<T> job, int j, ref TBins bins)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TBins : struct, IBins
    {
        var (x0, dx, y0, dy) = Pixels(job);
        var cy = job.Y[j];
        for (var i = 0; i < job.Width; i++)
        {
            job.Cancellation.ThrowIfCancellationRequested();
            var cx = job.X[i];
            var escapedAt = ExpandedKernel.EscapeCount(cx, cy, job.MaxIterations);
            if (escapedAt >= job.MaxIterations)
            {
                continue; // in the set (as far as we can tell): contributes nothing
            }

            T zx = T.Zero, zy = T.Zero;
            for (var n = 0; n <= escapedAt; n++)
            {
                var zxNew = (zx * zx - zy * zy) + cx;
                zy = (zx * zy + zy * zx) + cy;
                zx = zxNew;
                var column = Math.Floor((double.CreateTruncating(zx) - x0) / dx);
                var row = Math.Floor((y0 - double.CreateTruncating(zy)) / dy);
                if (column >= 0 && column < job.Width && row >= 0 && row < job.Height)
                {
                    bins.Add((int)row * job.Width + (int)column);
                }
            }
        }
    }

    /// <summary>The grid's first pixel edge and pixel size on each axis (x grows right, y grows up, row 0 on top).</summary>
    private static (double X0, double Dx, double Y0, double Dy) Pixels<T>(KernelJob<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x0 = double.CreateTruncating(job.X[0]);
        var dx = job.Width > 1 ? double.CreateTruncating(job.X[1]) - x0 : 1;
        var y0 = double.CreateTruncating(job.Y[0]);
        var dy = job.Height > 1 ? y0 - double.CreateTruncating(job.Y[1]) : 1;
        return (x0, dx, y0, dy); // as the grid's coordinates are the pixels' left and top edges
    }

    /// <summary>Where an orbit point is added: one kind of update per variant, inlined into the walk.</summary>
    protected interface IBins
    {
        void Add(int index);
    }

    /// <summary>A plain increment: exact on a worker's own array, racy on a shared one.</summary>
    protected readonly struct PlainBins(int[] counts) : IBins
    {
        public int[] Counts { get; } = counts;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int index) => Counts[index]++;
    }
}
