using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Workers;

/// <summary>
/// A side timed in a worker process: prepared there (planned, run once, checked against the worker's own
/// reference), sampled there, one call a sample; the collector alternates it with other sides as with any.
/// </summary>
public sealed class RemoteSide : SampledSide
{
    private readonly WorkerSession _session;
    private readonly int _side;

    public RemoteSide(WorkerSession session, int side, RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _side = side;
        First = session.Prepare(side, request);
    }

    /// <summary>The worker's answer to Prepare: its first run's figures and its check.</summary>
    public WorkerAnswer First { get; }

    public WorkerSession Session => _session;

    public override bool IsTimed => First.Status == MeasurementStatus.Ok;

    public override double WarmRunMs => First.WarmRunMs;

    public override double RunOnceMs(CancellationToken cancellation) => RunMany(1, cancellation).WallMs;

    /// <summary>Frees the worker's buffers for this side.</summary>
    public void Release() => _session.Release(_side);

    protected override RunTime RunMany(int repetitions, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return _session.Sample(_side, repetitions);
    }
}
