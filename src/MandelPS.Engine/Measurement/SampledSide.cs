namespace MandelPS.Engine.Measurement;

/// <summary>
/// One thing being timed: something that runs once and says how long it took, plus the samples taken
/// of it. The collector sees only this, so its stages and alternation are tested with synthetic sides.
/// </summary>
public abstract class SampledSide
{
    private readonly List<double> _samples = [];
    private readonly List<double> _cpuSamples = [];

    /// <summary>Per-sample mean run times in ms, in the order taken.</summary>
    public IReadOnlyList<double> Samples => _samples;

    /// <summary>Per-sample mean CPU time of the process over the runs, in ms (every thread's: about Threads times the wall time for a parallel kernel).</summary>
    public IReadOnlyList<double> CpuSamples => _cpuSamples;

    /// <summary>Kernel runs averaged into one sample (the pilot's choice).</summary>
    public int Repetitions { get; internal set; } = 1;

    /// <summary>Milliseconds of measured runs so far (warm-up excluded): what the time budget counts.</summary>
    public double SpentMs { get; private set; }

    /// <summary>Which rule ended this side's sampling (None if it was never sampled).</summary>
    public StopReason StopReason { get; internal set; }

    /// <summary>False for a side that failed its correctness check: it is never timed.</summary>
    public virtual bool IsTimed => true;

    /// <summary>The time of one warm run, for the pilot (the first run also paid for JIT compilation).</summary>
    public abstract double WarmRunMs { get; }

    /// <summary>Runs once; returns its time in ms.</summary>
    public abstract double RunOnceMs(CancellationToken cancellation);

    /// <summary>
    /// Runs <paramref name="repetitions"/> times; returns their total wall time and the process's CPU time over
    /// them. A side that runs elsewhere (another process) answers for all of them at once.
    /// </summary>
    protected virtual RunTime RunMany(int repetitions, CancellationToken cancellation)
    {
        var cpu = RunTime.ProcessCpuMs();
        var wall = 0.0;
        for (var r = 0; r < repetitions; r++)
        {
            wall += RunOnceMs(cancellation);
        }

        return new RunTime(wall, RunTime.ProcessCpuMs() - cpu);
    }

    /// <summary>Called before each sample (a garbage collection, for kernels), outside the timed part.</summary>
    protected virtual void BeforeSample()
    {
    }

    /// <summary>Called after each kept sample, outside the timed part (a non-deterministic kernel's loss is measured here).</summary>
    protected virtual void AfterSample()
    {
    }

    /// <summary>What one sample takes, kept or not: a collection (for kernels), then <paramref name="repetitions"/> runs.</summary>
    internal RunTime Run(int repetitions, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        BeforeSample();
        return RunMany(repetitions, cancellation);
    }

    /// <summary>One sample: Repetitions runs, their mean; kept unless it was a warm-up.</summary>
    internal void Sample(bool keep, CancellationToken cancellation)
    {
        var total = Run(Repetitions, cancellation);
        if (keep)
        {
            _samples.Add(total.WallMs / Repetitions);
            _cpuSamples.Add(total.CpuMs / Repetitions);
            SpentMs += total.WallMs;
            AfterSample();
        }
    }
}
