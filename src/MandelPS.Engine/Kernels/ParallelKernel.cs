namespace MandelPS.Engine.Kernels;

/// <summary>
/// Parallel — the tutorial's multiprocessing step: the reference <see cref="ExpandedKernel"/> loop on
/// every core, rows handed out dynamically so the expensive rows through the set do not pile up on one
/// core. Teaches: cores multiply throughput only when the work is balanced. Exact.
/// Honours <c>Threads</c>.
/// </summary>
public sealed class ParallelKernel : Kernel
{
    public override string Name => "Parallel";

    public override string Technique => "multiprocessing: Expanded rows pulled dynamically by one worker per core";

    public override KernelFamily Family => KernelFamily.Parallel;

    public override bool IsExact => true;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Threads()];

    public override void Compute<T>(KernelJob<T> job) =>
        RowScheduler.Run(job.Height, job.Threads, j => ExpandedKernel.SolveRow(job, j), job.Cancellation);
}
