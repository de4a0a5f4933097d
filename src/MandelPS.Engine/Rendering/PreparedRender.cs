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

    public PreparedRender(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        _counts = new int[plan.Grid.PixelCount];
    }

    public RenderPlan Plan { get; }

    /// <summary>The phases the kernel timed in the latest run (empty for kernels that report none).</summary>
    public IReadOnlyDictionary<KernelPhase, TimeSpan> LastPhases { get; private set; } = new Dictionary<KernelPhase, TimeSpan>();

    /// <summary>Runs the kernel once into the shared buffer; returns the kernel's wall time alone.</summary>
    public TimeSpan Run(CancellationToken cancellation = default) => Plan.Precision == Precision.Single
        ? Run<float>(cancellation)
        : Run<double>(cancellation);

    /// <summary>The counts of the latest run, copied into a result of their own.</summary>
    public RenderResult Snapshot(TimeSpan elapsed) => new(Plan, (int[])_counts.Clone(), elapsed, LastPhases);

    /// <summary>Runs once and hands the buffer itself to the result (no copy): the prepared render is spent.</summary>
    public static RenderResult RunOnce(RenderPlan plan, CancellationToken cancellation = default)
    {
        var prepared = new PreparedRender(plan);
        var elapsed = prepared.Run(cancellation);
        return new RenderResult(plan, prepared._counts, elapsed, prepared.LastPhases);
    }

    private TimeSpan Run<T>(CancellationToken cancellation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Plan.Grid.Coordinates<T>();
        var phases = new PhaseLog();
        var job = new KernelJob<T>(Plan, x, y, _counts, phases, cancellation);
        var clock = Stopwatch.StartNew();
        Plan.Kernel.Compute(job);
        var elapsed = clock.Elapsed;
        LastPhases = phases.Snapshot();
        return elapsed;
    }
}
