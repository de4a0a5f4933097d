using System.Diagnostics;
using System.Globalization;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// A kernel's report of one run: the phase times it measured (by a device's own timer where it has one,
/// else a stopwatch around a synchronised step), and, for kernels that choose between code paths by the
/// data, how many groups of pixels each path solved. Thread-safe, as a multi-process or GPU kernel may
/// record from its workers; a phase or path recorded twice adds up.
/// </summary>
public sealed class PhaseLog
{
    private readonly Dictionary<KernelPhase, TimeSpan> _times = [];
    private readonly Dictionary<string, long> _paths = [];
    private readonly SortedSet<string> _notes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly bool _discards;

    public PhaseLog()
    {
    }

    private PhaseLog(bool discards) => _discards = discards;

    /// <summary>A log that keeps nothing, for runs whose phases nobody reads (a code listing's compile).</summary>
    internal static PhaseLog Discard { get; } = new(discards: true);

    public void Record(KernelPhase phase, TimeSpan elapsed)
    {
        if (_discards)
        {
            return;
        }

        lock (_gate)
        {
            _times[phase] = _times.TryGetValue(phase, out var earlier) ? earlier + elapsed : elapsed;
        }
    }

    /// <summary>Counts groups of pixels a named code path solved (a row's worth at a time: this takes a lock).</summary>
    public void CountPath(string path, long groups)
    {
        if (groups <= 0 || _discards)
        {
            return;
        }

        lock (_gate)
        {
            _paths[path] = _paths.GetValueOrDefault(path) + groups;
        }
    }

    /// <summary>
    /// Notes a choice the kernel made by measurement rather than by the data ("race steps: plain"), once however
    /// often noted (each worker notes its own).
    /// </summary>
    public void Note(string note)
    {
        if (_discards)
        {
            return;
        }

        lock (_gate)
        {
            _notes.Add(note);
        }
    }

    /// <summary>
    /// "RacedFinalTest 61%, Stepped 39%": each path's share of the groups, largest first (paths under
    /// 0.5% show as "&lt;1%"), then any notes ("; race steps: plain"); empty for kernels that have one path.
    /// </summary>
    public string PathsText()
    {
        lock (_gate)
        {
            var total = _paths.Values.Sum();
            var shares = string.Join(", ", _paths.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            {
                var percent = 100.0 * p.Value / total;
                return percent < 0.5 ? $"{p.Key} <1%" : string.Create(CultureInfo.InvariantCulture, $"{p.Key} {percent:0}%");
            }));
            return string.Join("; ", _notes.Prepend(shares).Where(part => part.Length > 0));
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
