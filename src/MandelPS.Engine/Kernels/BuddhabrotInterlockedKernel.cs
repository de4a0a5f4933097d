using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// BuddhabrotInterlocked — every visit an atomic increment of the shared histogram (a locked
/// read-modify-write on the cache line, which cores then pass back and forth). Exact.
/// </summary>
public sealed class BuddhabrotInterlockedKernel : BuddhabrotKernel
{
    public override string Name => "BuddhabrotInterlocked";

    public override string Technique => "Buddhabrot: one shared histogram, atomic increments (exact)";

    public override bool IsExact => true;

    protected override void Accumulate<T>(KernelJob<T> job)
    {
        var bins = new AtomicBins(job.Counts);
        RowScheduler.Run(job.Height, job.Threads, j => WalkRow(job, j, ref bins), job.Cancellation);
    }

    private readonly struct AtomicBins(int[] counts) : IBins
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int index) => Interlocked.Increment(ref counts[index]);
    }
}
