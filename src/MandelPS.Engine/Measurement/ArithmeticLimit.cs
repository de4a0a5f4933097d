using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// This machine's arithmetic limit for the recurrence: the rate of the bare exact step (3 multiplies, 4 adds,
/// no escape test, no bookkeeping) with twelve independent orbits in flight (six with 16 registers) so the latency of one step is
/// hidden behind the others, at the widest accelerated width, on one core and on every core, in both
/// precisions. Probed once per process, on first use (a fraction of a second), and one figure again where a
/// kernel reached it (<see cref="LimitFigures"/>). No exact kernel can beat it: a kernel above it means the probe
/// is wrong, and a test says so.
/// </summary>
public static class ArithmeticLimit
{
    /// <summary>Steps each orbit takes in one timed pass: long enough that the loop is all that is timed.</summary>
    private const int StepsPerPass = 1 << 17;

    /// <summary>Timed passes per figure; the fastest one counts (the limit is what the machine can do, not what it did while busy).</summary>
    private const int Passes = 7;

    private static readonly Lazy<LimitFigures> Figures = new(() => new LimitFigures(Probe(), Rate));

    /// <summary>The probe's figures: one per precision and core count (1 and all cores), measured once per process and again where a kernel reached one.</summary>
    public static IReadOnlyList<KernelLimit> All => Figures.Value.All;

    /// <summary>
    /// The probe run again now, its figures probed again where a rate reaches them as the process's are (for a
    /// check that must not trust a figure taken while the machine was busy).
    /// </summary>
    internal static LimitFigures ProbeNow() => new(Probe(), Rate);

    /// <summary>
    /// The limit for a row: its precision, on as many cores as it ran threads (1 for a serial kernel). A row whose
    /// <paramref name="rate"/> reached the figure has it probed again (<see cref="LimitFigures"/>).
    /// </summary>
    public static double GIterPerSec(Precision precision, int threads, double rate = 0) =>
        Figures.Value.For(precision, threads > 1 ? Environment.ProcessorCount : 1, rate);

    private static List<KernelLimit> Probe()
    {
        var limits = new List<KernelLimit>();
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            foreach (var cores in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                limits.Add(new KernelLimit(precision.ToString(), cores, AcceleratedWidths.Widest.ToString(), Rate(precision, cores)));
            }
        }

        return limits;
    }

    /// <summary>
    /// Giga-steps per second of lanes, every core running the probe at once, in the fastest of three exact forms of
    /// the step: the kernels' (3 multiplies, 4 adds), the balanced one (4 multiplies, 3 adds) and half of each, which
    /// on a core with separate multiply and add pipes (Zen) keeps both busy.
    /// </summary>
    private static double Rate(Precision precision, int cores) =>
        new[] { StepForm.Plain, StepForm.Balanced, StepForm.Mixed }.Max(form => Rate(precision, cores, form));

    private static double Rate(Precision precision, int cores, StepForm form)
    {
        // Each core's fastest pass, all cores running every pass: a neighbour that takes one core for part of
        // a pass spoils that core's pass, not the figure (the slowest core of each pass read 4-8% low on two
        // cores, below the C anchor's own rate).
        var best = Enumerable.Repeat(double.PositiveInfinity, cores).ToArray();
        var counted = new long[cores];
        for (var pass = 0; pass < Passes; pass++)
        {
            using var start = new Barrier(cores);
            Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, c =>
            {
                start.SignalAndWait();
                var clock = Stopwatch.StartNew();
                counted[c] = precision == Precision.Single ? Run<float>(form) : Run<double>(form);
                best[c] = Math.Min(best[c], clock.Elapsed.TotalSeconds);
            });
        }

        return counted.Select((steps, c) => steps / best[c]).Sum() / 1e9;
    }

    private enum StepForm
    {
        Plain,
        Balanced,
        Mixed,
    }

    /// <summary>One pass at the widest accelerated width; returns the lane-steps taken.</summary>
    private static long Run<T>(StepForm form)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => AcceleratedWidths.Widest switch
        {
            VectorWidth.Bits512 => Run<Lanes512<T>, Vector512<T>, T>(form),
            VectorWidth.Bits256 => Run<Lanes256<T>, Vector256<T>, T>(form),
            _ => Run<Lanes128<T>, Vector128<T>, T>(form),
        };

    private static long Run<TLanes, TVec, T>(StepForm form)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => form switch
        {
            StepForm.Plain => Steps<TLanes, TVec, T, PlainStep<TLanes, TVec, T>, PlainStep<TLanes, TVec, T>>(),
            StepForm.Balanced => Steps<TLanes, TVec, T, BalancedStep<TLanes, TVec, T>, BalancedStep<TLanes, TVec, T>>(),
            _ => Steps<TLanes, TVec, T, PlainStep<TLanes, TVec, T>, BalancedStep<TLanes, TVec, T>>(),
        };

    private static long Steps<TLanes, TVec, T, TFirst, TSecond>()
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        where TFirst : struct, IProbeOrbit<TVec>
        where TSecond : struct, IProbeOrbit<TVec> => OrbitsInFlight.TwelveFit
            ? Steps<TLanes, TVec, T, TFirst, TSecond, TwelveInFlight>()
            : Steps<TLanes, TVec, T, TFirst, TSecond, SixInFlight>();

    /// <summary>
    /// Twelve orbits of c = -0.1 + 0.1i (inside the set: bounded, no overflow, no denormals) stepped together, six
    /// in each form: with eight, the mixed form waits on latency (measured on Zen 4: 7.3 against 8.1 G it/s a core).
    /// Six, three in each form, where the JIT has only 16 vector registers (<see cref="OrbitsInFlight"/>): twelve
    /// would spill and read low.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // fully optimised from the first pass
    private static long Steps<TLanes, TVec, T, TFirst, TSecond, TCount>()
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        where TFirst : struct, IProbeOrbit<TVec>
        where TSecond : struct, IProbeOrbit<TVec>
        where TCount : struct, IOrbitsInFlight
    {
        var cx = TLanes.Splat(T.CreateChecked(-0.1));
        var cy = TLanes.Splat(T.CreateChecked(0.1));
        TFirst a = default, b = default, c = default, d = default, e = default, f = default;
        TSecond g = default, h = default, i = default, j = default, k = default, l = default;
        for (var step = 0; step < StepsPerPass; step++)
        {
            a.Step(cx, cy);
            g.Step(cx, cy);
            b.Step(cx, cy);
            h.Step(cx, cy);
            c.Step(cx, cy);
            i.Step(cx, cy);
            if (TCount.Twelve)
            {
                d.Step(cx, cy);
                j.Step(cx, cy);
                e.Step(cx, cy);
                k.Step(cx, cy);
                f.Step(cx, cy);
                l.Step(cx, cy);
            }
        }

        // The orbits are read, so the JIT cannot drop the loop.
        var first = TLanes.Add(TLanes.Add(TLanes.Add(a.Magnitude(), b.Magnitude()), TLanes.Add(c.Magnitude(), d.Magnitude())), TLanes.Add(e.Magnitude(), f.Magnitude()));
        var second = TLanes.Add(TLanes.Add(TLanes.Add(g.Magnitude(), h.Magnitude()), TLanes.Add(i.Magnitude(), j.Magnitude())), TLanes.Add(k.Magnitude(), l.Magnitude()));
        GC.KeepAlive(TLanes.Add(first, second));
        return (TCount.Twelve ? 12L : 6L) * TLanes.Count * StepsPerPass;
    }

    private interface IProbeOrbit<TVec>
    {
        void Step(TVec cx, TVec cy);

        TVec Magnitude();
    }

    /// <summary>The kernels' step: 3 multiplies and 4 adds (zx*zy + zx*zy).</summary>
    private struct PlainStep<TLanes, TVec, T> : IProbeOrbit<TVec>
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        private BareOrbit<TLanes, TVec, T> _z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(TVec cx, TVec cy) => _z.Step(cx, cy);

        public readonly TVec Magnitude() => _z.Magnitude();
    }

    /// <summary>
    /// The same values with one add moved to the multiplier, zy' = ((zx*zy)*2) + cy (doubling is exact, so this is
    /// zx*zy + zx*zy bit for bit): 4 multiplies and 3 adds, which a core with as many multiply as add pipes runs
    /// faster. The limit is the fastest form, so no kernel can beat it by choosing one (the race pool does).
    /// </summary>
    private struct BalancedStep<TLanes, TVec, T> : IProbeOrbit<TVec>
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        private BareOrbit<TLanes, TVec, T> _z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(TVec cx, TVec cy) => _z.StepBalanced(cx, cy, TLanes.Splat(T.CreateTruncating(2)));

        public readonly TVec Magnitude() => _z.Magnitude();
    }
}

/// <summary>One figure of <see cref="ArithmeticLimit"/>: giga-iterations per second of the bare step at a width, precision and core count.</summary>
public sealed record KernelLimit(string Precision, int Cores, string VectorWidth, double GIterPerSec);
