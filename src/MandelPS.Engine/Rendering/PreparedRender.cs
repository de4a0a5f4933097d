using System.Diagnostics;
using System.Numerics;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// A plan with its coordinates and counts buffer in place, ready to run any number of times. Repeated
/// runs reuse the buffer, so a measurement times the kernel and not the allocation and first-touch page
/// faults of a fresh (possibly 64 MB) array.
/// </summary>
public sealed class PreparedRender
{
    private readonly int[] _counts;

    // The latest run's report: its code paths are formatted when a result asks, not after every measured run.
    private PhaseLog _lastLog = PhaseLog.Discard;

    public PreparedRender(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        MemoryBudget.EnsureFits(plan.Width, plan.Height, plan.Kernel.WorkingBytesPerPixel);
        _counts = new int[plan.Grid.PixelCount];
    }

    public RenderPlan Plan { get; }

    /// <summary>The phases the kernel timed in the latest run (empty for kernels that report none).</summary>
    public IReadOnlyDictionary<KernelPhase, TimeSpan> LastPhases { get; private set; } = new Dictionary<KernelPhase, TimeSpan>();

    /// <summary>The code paths the kernel took in the latest run and their shares (empty for kernels with one).</summary>
    public string LastCodePath => _lastLog.PathsText();

    /// <summary>Runs the kernel once into the shared buffer; returns the kernel's wall time alone.</summary>
    public TimeSpan Run(CancellationToken cancellation = default) => Plan.Precision == Precision.Single
        ? Run<float>(cancellation)
        : Run<double>(cancellation);

    /// <summary>The counts of the latest run, copied into a result of their own.</summary>
    public RenderResult Snapshot(TimeSpan elapsed) => new(Plan, (int[])_counts.Clone(), elapsed, LastPhases, LastCodePath);

    /// <summary>Runs once and hands the buffer itself to the result (no copy): the prepared render is spent.</summary>
    public static RenderResult RunOnce(RenderPlan plan, CancellationToken cancellation = default)
    {
        var prepared = new PreparedRender(plan);
        var elapsed = prepared.Run(cancellation);
        return new RenderResult(plan, prepared._counts, elapsed, prepared.LastPhases, prepared.LastCodePath);
    }

    private TimeSpan Run<T>(CancellationToken cancellation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var phases = new PhaseLog();
        var elapsed = Compute<T>(Plan, _counts, phases, cancellation);
        LastPhases = phases.Snapshot();
        _lastLog = phases;
        return elapsed;
    }

    /// <summary>Runs the plan's kernel once into <paramref name="counts"/> (Width*Height of the plan); returns the kernel's wall time.</summary>
    internal static TimeSpan Compute(RenderPlan plan, int[] counts, PhaseLog phases, CancellationToken cancellation) => plan.Precision == Precision.Single
        ? Compute<float>(plan, counts, phases, cancellation)
        : Compute<double>(plan, counts, phases, cancellation);

    private static TimeSpan Compute<T>(RenderPlan plan, int[] counts, PhaseLog phases, CancellationToken cancellation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = plan.Grid.Coordinates<T>();
        var job = new KernelJob<T>(plan, x, y, counts, phases, cancellation);
        var clock = Stopwatch.StartNew();
        plan.Kernel.Compute(job);
        return clock.Elapsed;
    }
}
