namespace MandelPS.Engine.Kernels;

/// <summary>
/// BuddhabrotPrivate — shared data done right without contention: each worker fills a histogram of its
/// own and the histograms are added at the end. Exact (integer sums do not depend on order), so it is
/// the Buddhabrot family's reference and the twin the unsynchronised variant is measured against.
/// </summary>
public sealed class BuddhabrotPrivateKernel : BuddhabrotKernel
{
    public override string Name => ReferenceName;

    public override string Technique => "Buddhabrot: a private histogram per worker, added at the end (exact, the family's reference)";

    public override bool IsExact => true;

    protected override void Accumulate<T>(KernelJob<T> job)
    {
        var gate = new object();
        RowScheduler.Run(job.Height, job.Threads,
            () => new PlainBins(new int[job.Counts.Length]),
            (row, bins) => WalkRow(job, row, ref bins),
            bins =>
            {
                lock (gate)
                {
                    for (var k = 0; k < bins.Counts.Length; k++)
                    {
                        job.Counts[k] += bins.Counts[k];
                    }
                }
            },
            job.Cancellation);
    }
}
