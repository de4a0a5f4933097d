using System.Diagnostics;
using System.Globalization;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// The phase times of one kernel run: a kernel adds what it measured (by a device's own timer where
/// it has one, else a stopwatch around a synchronised step). Thread-safe, as a multi-process or GPU
/// kernel may record from its workers; a phase recorded twice adds up.
/// </summary>
public sealed class PhaseLog
{
    private readonly Dictionary<KernelPhase, TimeSpan> _times = [];
    private readonly object _gate = new();

    /// <summary>A log nobody reads, for runs that do not report phases.</summary>
    internal static PhaseLog Discard => new();

    public void Record(KernelPhase phase, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _times[phase] = _times.TryGetValue(phase, out var earlier) ? earlier + elapsed : elapsed;
        }
    }

    /// <summary>Runs a step and records its wall time as the phase.</summary>
    public TResult Time<TResult>(KernelPhase phase, Func<TResult> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var clock = Stopwatch.StartNew();
        var result = step();
        Record(phase, clock.Elapsed);
        return result;
    }

    /// <summary>Runs a step and records its wall time as the phase.</summary>
    public void Time(KernelPhase phase, Action step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var clock = Stopwatch.StartNew();
        step();
        Record(phase, clock.Elapsed);
    }

    /// <summary>What was recorded, in phase order.</summary>
    public IReadOnlyDictionary<KernelPhase, TimeSpan> Snapshot()
    {
        lock (_gate)
        {
            return _times.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);
        }
    }

    /// <summary>"Compile=12.3;Upload=0.41;Compute=5.2" in ms, invariant culture, phase order; empty when none.</summary>
    public static string Format(IReadOnlyDictionary<KernelPhase, TimeSpan> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        return string.Join(";", phases.OrderBy(p => p.Key)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value.TotalMilliseconds:0.####}")));
    }
}
