namespace MandelPS.Engine.Kernels;

/// <summary>
/// ParallelUnsynchronized — fast and wrong: <see cref="ParallelKernel"/>'s dynamic rows, but the shared
/// next-row counter is bumped and then read back with plain memory operations, as an interpreter
/// without a lock around shared data would: two workers can take the same row (work done twice) and a
/// row can be skipped (left at -1, counted as loss). Never crashes or hangs. Teaches: the Pythebo claim
/// on real data; the loss varies run to run, so it is measured on every run. One thread: exact.
/// </summary>
public sealed class ParallelUnsynchronizedKernel : Kernel
{
    /// <summary>The count a skipped row keeps: no real pixel has it, so every skipped pixel shows as loss.</summary>
    public const int Skipped = -1;

    public override string Name => "ParallelUnsynchronized";

    public override string Technique => "Parallel with a shared row counter updated without synchronisation (fast and wrong)";

    public override KernelFamily Family => KernelFamily.Lossy;

    public override bool IsExact => false;

    /// <summary>How many threads race over the shared counters changes what is lost: the thread count changes the counts.</summary>
    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Threads(OptionEffect.Counts)];

    public override string? Twin => "Parallel";

    public override bool IsDeterministic => false;

    public override void Compute<T>(KernelJob<T> job)
    {
        // Buffers are reused between runs: without this a skipped row would show last run's counts.
        job.Counts.AsSpan().Fill(Skipped);
        var counter = new SharedCounter();
        var workers = Math.Max(1, Math.Min(job.Threads, job.Height));
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = job.Cancellation };
        Parallel.For(0, workers, options, _ =>
        {
            while (true)
            {
                // The race: increment, then read back. Another worker's increment in between makes
                // both take the same row and skips the one before it.
                counter.Next++;
                var row = Volatile.Read(ref counter.Next) - 1; // re-read, or the JIT may reuse its own register
                if (row >= job.Height)
                {
                    return;
                }

                job.Cancellation.ThrowIfCancellationRequested();
                ExpandedKernel.SolveRow(job, row);
            }
        });
    }

    /// <summary>A plain field on the heap, shared by every worker (deliberately neither volatile nor interlocked).</summary>
    private sealed class SharedCounter
    {
        public int Next;
    }
}
