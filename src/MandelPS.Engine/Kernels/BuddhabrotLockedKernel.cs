using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// BuddhabrotLocked — one lock around the shared histogram, taken for every visit: the GIL's answer.
/// Exact, and the slowest way to share.
/// </summary>
public sealed class BuddhabrotLockedKernel : BuddhabrotKernel
{
    public override string Name => "BuddhabrotLocked";

    public override string Technique => "Buddhabrot: one shared histogram behind one lock (exact)";

    public override bool IsExact => true;

    protected override void Accumulate<T>(KernelJob<T> job)
    {
        var bins = new LockedBins(job.Counts, new object());
        RowScheduler.Run(job.Height, job.Threads, j => WalkRow(job, j, ref bins), job.Cancellation);
    }

    private readonly struct LockedBins(int[] counts, object gate) : IBins
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int index)
        {
            lock (gate)
            {
                counts[index]++;
            }
        }
    }
}
