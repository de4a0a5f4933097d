namespace MandelPS.Engine.Kernels;

/// <summary>
/// BuddhabrotUnsynchronized — fast and wrong: plain read-modify-write on the shared histogram, as a
/// GIL-less interpreter would do. Two cores adding to the same pixel at once lose one of the
/// increments; how many varies run to run, so its loss is measured on every run against
/// BuddhabrotPrivate. With one thread it equals its twin.
/// </summary>
public sealed class BuddhabrotUnsynchronizedKernel : BuddhabrotKernel
{
    public override string Name => "BuddhabrotUnsynchronized";

    public override string Technique => "Buddhabrot: one shared histogram, plain unsynchronised increments (fast and wrong)";

    public override bool IsExact => false;

    public override string? Twin => ReferenceName;

    /// <summary>How many threads race over the histogram changes which increments are lost: the thread count changes the counts.</summary>
    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Threads(OptionEffect.Counts)];

    public override bool IsDeterministic => false;

    protected override void Accumulate<T>(KernelJob<T> job)
    {
        var bins = new PlainBins(job.Counts);
        RowScheduler.Run(job.Height, job.Threads, j => WalkRow(job, j, ref bins), job.Cancellation);
    }
}
