using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// Set membership only, for bitmaps (the Benchmarks Game's P4): a row is packed straight into bits, most
/// significant first, with no counts. Equal, bit for bit, to "count &gt;= MaxIterations" from the
/// reference, by one of two paths (<see cref="Path"/>):
/// <list type="bullet">
/// <item><see cref="EscapeTest.FinalTest"/>, where every |c| of the grid is at most 1.9: there an
/// orbit that once has |z|^2 &gt; 4 only grows until it overflows to infinity and NaN, both of which test as
/// outside, so z is tested only now and then (to stop a group whose lanes are all out) and at
/// the end: 7 vector operations an iteration, two registers of state a vector, six vectors in flight.</item>
/// <item><see cref="EscapeTest.RunningMaximum"/> anywhere else: every iteration keeps the largest
/// |z|^2 so far (9 operations), which no later return inside, NaN or overflow can hide (see <see cref="Orbit{TLanes, TVec, T}.NeverEscaped"/>).</item>
/// </list>
/// </summary>
internal sealed class MembershipRows<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // The final-test loop keeps 2 registers a vector: six in flight cover the ~9-cycle chain of an
    // iteration on two multiply and two add pipes, and still fit 16 registers with c and the temporaries.
    private const int FinalTestInFlight = 6;
    private const int RunningMaximumInFlight = 4;

    // Iterations before the final-test path first asks "is every lane of the group out?"; it asks again
    // each time the count has about doubled (z_12, z_26, z_54 ... riding on a step; z_10, z_20, z_40 ...
    // apart from the steps): many orbits outside leave within a few iterations, and of those that stay
    // past 20 few leave before the limit. Against a test every 10
    // iterations (which had beaten 4, 6, 8, 12 and 16), for the Benchmarks Game's N = 32000 on one thread:
    // 7% less time with AVX-512, the test riding on a step (4.41 s against 4.74); with AVX2 alone about
    // the same (5.30 and 5.59 s in two runs, against 5.50 and 5.57).
    private const int FirstCheck = 5;

    private static readonly T PaddingX = T.CreateTruncating(4);

    // Byte b with its bits in reverse order: lane 0 (bit 0 of a mask) is the leftmost pixel (bit 7).
    private static readonly byte[] Reversed = [.. Enumerable.Range(0, 256).Select(b => ReverseBits((byte)b))];

    private readonly CacheAligned<T> _paddedX; // read as vectors every step: aligned, so no read straddles two cache lines
    private readonly T[] _y;
    private readonly int _width;
    private readonly int _maxIterations;
    private readonly VectorWidth _vectorWidth;
    private readonly CancellationToken _cancellation;
    private readonly bool _testOnStep; // the final-test path's group test rides on a step (32 registers; tests force either)

    public MembershipRows(T[] x, T[] y, int maxIterations, VectorWidth vectorWidth, EscapeTest? path = null, bool? testOnStep = null, CancellationToken cancellation = default)
    {
        Debug.Assert(vectorWidth is VectorWidth.Bits128 or VectorWidth.Bits256 or VectorWidth.Bits512, "the plan resolves an accelerated width");
        _width = x.Length;
        _y = y;
        _maxIterations = maxIterations;
        _vectorWidth = vectorWidth;
        _cancellation = cancellation;
        _testOnStep = testOnStep ?? OrbitsInFlight.TwelveFit;
        var permanent = EscapesArePermanent(x, y);
        Path = path ?? (permanent ? EscapeTest.FinalTest : EscapeTest.RunningMaximum);
        if (Path == EscapeTest.FinalTest && !permanent)
        {
            throw new ArgumentException("The final-test path is exact only where every |c| is at most 1.9.", nameof(path));
        }

        // Whole groups of either path's size (6 and 4 vectors) at the widest width, so no group reads past the end.
        var widest = Vector512<T>.Count * FinalTestInFlight * RunningMaximumInFlight / 2;
        _paddedX = CacheAligned<T>.CopyOf(x, (x.Length + widest - 1) / widest * widest, PaddingX);
    }

    /// <summary>Which loop decides membership on this grid.</summary>
    public EscapeTest Path { get; }

    /// <summary>Bytes one packed row takes: 8 pixels a byte, the last byte padded with zeros.</summary>
    public int RowBytes => (_width + 7) / 8;

    /// <summary>True where every c of the grid has |c| &lt;= 1.9 (its farthest corner decides).</summary>
    public static bool EscapesArePermanent(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        static double Farthest(ReadOnlySpan<T> values)
        {
            var farthest = 0.0;
            foreach (var v in values)
            {
                farthest = Math.Max(farthest, Math.Abs(double.CreateTruncating(v)));
            }

            return farthest;
        }

        var (fx, fy) = (Farthest(x), Farthest(y));
        return fx * fx + fy * fy <= PermanentEscape.RadiusSquared;
    }

    /// <summary>Packs row j: bit 7 of byte 0 is pixel 0; a set bit is a pixel in the set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once a row: a one-shot render is half over before tiering would promote it
    public void PackRow(int j, Span<byte> packed)
    {
        Debug.Assert(packed.Length == RowBytes, "one packed row");
        packed.Clear();
        switch (_vectorWidth, Path)
        {
            case (VectorWidth.Bits512, EscapeTest.FinalTest) when _testOnStep: PackFinalTest<Lanes512<T>, Vector512<T>, TwelveInFlight>(j, packed); break;
            case (VectorWidth.Bits512, EscapeTest.FinalTest): PackFinalTest<Lanes512<T>, Vector512<T>, SixInFlight>(j, packed); break;
            case (VectorWidth.Bits256, EscapeTest.FinalTest) when _testOnStep: PackFinalTest<Lanes256<T>, Vector256<T>, TwelveInFlight>(j, packed); break;
            case (VectorWidth.Bits256, EscapeTest.FinalTest): PackFinalTest<Lanes256<T>, Vector256<T>, SixInFlight>(j, packed); break;
            case (_, EscapeTest.FinalTest) when _testOnStep: PackFinalTest<Lanes128<T>, Vector128<T>, TwelveInFlight>(j, packed); break;
            case (_, EscapeTest.FinalTest): PackFinalTest<Lanes128<T>, Vector128<T>, SixInFlight>(j, packed); break;
            case (VectorWidth.Bits512, _): PackRunningMaximum<Lanes512<T>, Vector512<T>>(j, packed); break;
            case (VectorWidth.Bits256, _): PackRunningMaximum<Lanes256<T>, Vector256<T>>(j, packed); break;
            default: PackRunningMaximum<Lanes128<T>, Vector128<T>>(j, packed); break;
        }

        // Padding lanes are never in the set, but the last byte's spare bits must be zero whatever they hold.
        if (_width % 8 != 0)
        {
            packed[^1] &= (byte)(0xFF << (8 - _width % 8));
        }
    }

    /// <summary>
    /// The final-test path on row j. <typeparamref name="TRegisters"/> says whether the JIT has 32 vector
    /// registers (<see cref="OrbitsInFlight"/>): then the group's test rides on a step; with 16 it forms
    /// its own squares between blocks, since riding on a step needs more registers than are left and the
    /// spilling slowed the whole loop (AVX2, N = 32000, one thread: 5.30 s apart, 5.66 s riding).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackFinalTest<TLanes, TVec, TRegisters>(int j, Span<byte> packed)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where TRegisters : struct, IOrbitsInFlight
    {
        var lanes = TLanes.Count;
        var cy = TLanes.Splat(_y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        ref var x = ref _paddedX.First;
        for (var i = 0; i < _width; i += lanes * FinalTestInFlight)
        {
            _cancellation.ThrowIfCancellationRequested(); // per group: at a deep limit one row can take minutes
            ref var cx = ref Unsafe.Add(ref x, i);
            BareOrbit<TLanes, TVec, T> a = default, b = default, c = default, d = default, e = default, f = default;
            for (var n = 0; ;)
            {
                var end = n + Math.Min(Math.Max(FirstCheck, n), _maxIterations - n);
                for (; n < end; n++)
                {
                    a.Step(TLanes.Load(ref cx), cy);
                    b.Step(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy);
                    c.Step(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy);
                    d.Step(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy);
                    e.Step(TLanes.Load(ref Unsafe.Add(ref cx, 4 * lanes)), cy);
                    f.Step(TLanes.Load(ref Unsafe.Add(ref cx, 5 * lanes)), cy);
                }

                if (n == _maxIterations)
                {
                    Deposit(packed, i, TLanes.MaskBits(a.Inside(four)), lanes);
                    Deposit(packed, i + lanes, TLanes.MaskBits(b.Inside(four)), lanes);
                    Deposit(packed, i + 2 * lanes, TLanes.MaskBits(c.Inside(four)), lanes);
                    Deposit(packed, i + 3 * lanes, TLanes.MaskBits(d.Inside(four)), lanes);
                    Deposit(packed, i + 4 * lanes, TLanes.MaskBits(e.Inside(four)), lanes);
                    Deposit(packed, i + 5 * lanes, TLanes.MaskBits(f.Inside(four)), lanes);
                    break;
                }

                // When every lane is out the group is done and its bits stay zero (escapes here are permanent).
                if (!TRegisters.Twelve)
                {
                    if (TLanes.IsAllZero(TLanes.Or(
                        TLanes.Or(TLanes.Or(a.Inside(four), b.Inside(four)), TLanes.Or(c.Inside(four), d.Inside(four))),
                        TLanes.Or(e.Inside(four), f.Inside(four)))))
                    {
                        break;
                    }

                    continue;
                }

                // The test rides on one more step, whose squares give each |z|^2 for one addition (the step
                // past an escape changes nothing). Tested apart from the steps, the squares were formed twice.
                var inside = TLanes.LessThanOrEqual(a.StepFrom(TLanes.Load(ref cx), cy), four);
                inside = TLanes.Or(inside, TLanes.LessThanOrEqual(b.StepFrom(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy), four));
                inside = TLanes.Or(inside, TLanes.LessThanOrEqual(c.StepFrom(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy), four));
                inside = TLanes.Or(inside, TLanes.LessThanOrEqual(d.StepFrom(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy), four));
                inside = TLanes.Or(inside, TLanes.LessThanOrEqual(e.StepFrom(TLanes.Load(ref Unsafe.Add(ref cx, 4 * lanes)), cy), four));
                inside = TLanes.Or(inside, TLanes.LessThanOrEqual(f.StepFrom(TLanes.Load(ref Unsafe.Add(ref cx, 5 * lanes)), cy), four));
                n++;
                if (TLanes.IsAllZero(inside))
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Every iteration raced with no per-lane bookkeeping; a lane is in the set exactly when the running
    /// maximum of its |z|^2 never exceeded 4, which a NaN cannot hide (see
    /// <see cref="Orbit{TLanes, TVec, T}.NeverEscaped"/>). Every 8 iterations the group stops if all its
    /// lanes are already out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackRunningMaximum<TLanes, TVec>(int j, Span<byte> packed)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var cy = TLanes.Splat(_y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        ref var x = ref _paddedX.First;
        for (var i = 0; i < _width; i += lanes * RunningMaximumInFlight)
        {
            _cancellation.ThrowIfCancellationRequested();
            var a = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i)));
            var b = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + lanes)));
            var c = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 2 * lanes)));
            var d = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 3 * lanes)));
            for (var n = 0; n < _maxIterations; n++)
            {
                a.Race(cy);
                b.Race(cy);
                c.Race(cy);
                d.Race(cy);
                if (n % 8 == 7
                    && TLanes.IsAllZero(TLanes.Or(TLanes.Or(a.NeverEscaped(four), b.NeverEscaped(four)), TLanes.Or(c.NeverEscaped(four), d.NeverEscaped(four)))))
                {
                    break; // every lane is out: the rest of the iterations cannot bring one back
                }
            }

            Deposit(packed, i, TLanes.MaskBits(a.NeverEscaped(four)), lanes);
            Deposit(packed, i + lanes, TLanes.MaskBits(b.NeverEscaped(four)), lanes);
            Deposit(packed, i + 2 * lanes, TLanes.MaskBits(c.NeverEscaped(four)), lanes);
            Deposit(packed, i + 3 * lanes, TLanes.MaskBits(d.NeverEscaped(four)), lanes);
        }
    }

    /// <summary>
    /// ORs one vector's lane bits (lane 0 in bit 0) into the packed row at pixel start, most significant
    /// bit first. A vector starts on a multiple of its lane count, so it fills whole bytes or, for fewer
    /// than 8 lanes, part of one; bytes past the row (padding lanes) are skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deposit(Span<byte> packed, int start, ulong inSet, int lanes)
    {
        if (lanes < 8)
        {
            if (start >> 3 < packed.Length)
            {
                packed[start >> 3] |= (byte)(Reversed[(int)inSet] >> (start & 7));
            }

            return;
        }

        for (var k = 0; k < lanes / 8 && (start >> 3) + k < packed.Length; k++)
        {
            packed[(start >> 3) + k] = Reversed[(int)(inSet >> (8 * k)) & 0xFF];
        }
    }

    private static byte ReverseBits(byte b)
    {
        var r = 0;
        for (var bit = 0; bit < 8; bit++)
        {
            r |= (b >> bit & 1) << (7 - bit);
        }

        return (byte)r;
    }
}
