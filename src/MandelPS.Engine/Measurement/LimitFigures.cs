using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// The limit figures as a process knows them: probed once, and one figure probed again when a kernel is measured
/// at or above it. On a shared machine a neighbour can take a core for the few milliseconds a probe lasts, and a
/// figure taken then is too low (a row read 171% of its limit). A figure only ever rises, so the ceiling is the
/// fastest the probe has seen; it is probed again at most <see cref="Reprobes"/> times, after which a row above
/// it says that the probe, not the kernel, is wrong.
/// </summary>
internal sealed class LimitFigures
{
    /// <summary>How many times one figure may be probed again.</summary>
    public const int Reprobes = 2;

    private readonly Func<Precision, int, double> _probe;
    private readonly List<KernelLimit> _figures;
    private readonly int[] _reprobed;
    private readonly object _gate = new();

    /// <param name="first">The first probe's figures, one per precision and core count.</param>
    /// <param name="probe">Probes one figure again: G it/s for a precision on a number of cores.</param>
    public LimitFigures(IEnumerable<KernelLimit> first, Func<Precision, int, double> probe)
    {
        _figures = [.. first];
        _reprobed = new int[_figures.Count];
        _probe = probe;
    }

    /// <summary>The figures as they stand.</summary>
    public IReadOnlyList<KernelLimit> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _figures];
            }
        }
    }

    /// <summary>
    /// The figure for <paramref name="precision"/> on <paramref name="cores"/> cores, probed again first while it
    /// is not above <paramref name="rateSeen"/> (a kernel's measured rate) and the figure has probes left.
    /// </summary>
    public double For(Precision precision, int cores, double rateSeen = 0)
    {
        lock (_gate)
        {
            var i = _figures.FindIndex(l => l.Precision == precision.ToString() && l.Cores == cores);
            if (i < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(cores), cores, $"no {precision} figure for {cores} cores");
            }

            while (_figures[i].GIterPerSec <= rateSeen && _reprobed[i] < Reprobes)
            {
                _reprobed[i]++;
                var again = _probe(precision, cores);
                if (again > _figures[i].GIterPerSec)
                {
                    _figures[i] = _figures[i] with { GIterPerSec = again };
                }
            }

            return _figures[i].GIterPerSec;
        }
    }
}
