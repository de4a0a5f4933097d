using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The SIMD driver: solves one row at a time, a register of pixels per vector, four vectors in flight so
/// the latency of each add and multiply overlaps with the other vectors' work. Each lane keeps its own
/// "still iterating" mask and integer counter; the loop ends when every lane has escaped.
/// Past the first 16 iterations, where most escapes fall, a group races blocks of 64 iterations without
/// bookkeeping and redoes a block step by step, exactly, when a lane escaped in it. How a race finds an
/// escape is chosen per group by its c (<see cref="EscapeTest"/>): where every iterating lane has
/// |c| &lt;= 1.9 an escape is permanent, so z alone races (7 operations a step, two registers a vector) and
/// is tested at the block's end; elsewhere the race keeps each lane's largest |z|^2 (9 operations).
/// The result's CodePath says which paths ran and for what share of the groups.
/// Scalar equivalent (per lane): <see cref="ExpandedKernel.EscapeCount{T}(T, T, int)"/>, bit for bit:
/// the same operations in the same order, no fused multiply-add, the same NaN-false comparison.
/// </summary>
internal sealed class SimdRows<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Four independent registers per loop: each step is a ~4-deep chain of 3-4 cycle operations, so
    // one register alone leaves the FP pipes idle most cycles (measured: 1 -> 2 -> 4 in flight gains
    // 1.5x then 1.25x here; 6 loses to register pressure, as in the C reference). Six racing alone
    // (z only) would fill the add pipes, but six stepping with bookkeeping spill on AVX2's 16
    // registers: measured 2.4 against 2.9 G it/s at 1000 iterations and 1.2 against 2.1 at 256.
    private const int VectorsInFlight = 4;

    // Iterations raced between escape checks. Measured here at 1000x1000 (one alternating run, best of
    // three, G it/s): blocks of 8 after 64 stepped iterations 1.8 (1000 iterations) and 1.9 (256);
    // 32 after 16: 2.8 and 2.2; 64 after 16: 2.8 and 2.5; 128 after 16: 2.6. A block's redo, when a lane
    // escaped in it, costs at most one block of stepping.
    private const int RaceLength = 64;

    // Most pixels outside the set escape within a few iterations: racing those would mostly be redone,
    // so the first iterations are stepped exactly.
    private const int RaceAfter = 16;

    // A shorter last block is still raced (its redo is short too); under this many iterations it is stepped.
    private const int ShortestRace = 8;

    // Padding lanes hold c = 4 + 0i: |z_1|^2 = 16 > 4, so they escape on the first iteration and never
    // keep a register busy; their counts are never stored.
    private static readonly T PaddingX = T.CreateTruncating(4);

    // The code paths a group of pixels can take, as the result's CodePath names them.
    internal const string SteppedPath = "Stepped";
    internal const string RacedRunningMaximumPath = "RacedRunningMaximum";
    internal const string RacedFinalTestPath = "RacedFinalTest";

    private readonly KernelJob<T> _job;
    private readonly T[] _paddedX;

    private readonly SimdStep _step;

    // Null: each group picks its race's escape test by its c (see RacingRow); tests force one.
    private readonly EscapeTest? _forcedRace;

    public SimdRows(KernelJob<T> job, SimdStep step = SimdStep.Exact, EscapeTest? forcedRace = null)
    {
        _job = job;
        _step = step;
        _forcedRace = forcedRace;
        var widest = Vector512<T>.Count * VectorsInFlight;
        var padded = (job.Width + widest - 1) / widest * widest;
        _paddedX = new T[padded];
        job.X.CopyTo(_paddedX, 0);
        _paddedX.AsSpan(job.Width).Fill(PaddingX);
    }

    public void SolveRow(int j)
    {
        switch (_job.VectorWidth)
        {
            case VectorWidth.Bits512: Row<Lanes512<T>, Vector512<T>>(j); break;
            case VectorWidth.Bits256: Row<Lanes256<T>, Vector256<T>>(j); break;
            case VectorWidth.Bits128: Row<Lanes128<T>, Vector128<T>>(j); break;
            default: throw new UnreachableException($"The plan resolves a SIMD kernel's width; got {_job.VectorWidth}.");
        }
    }

    private void Row<TLanes, TVec>(int j)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        if (_step != SimdStep.Exact)
        {
            LossyRow<TLanes, TVec>(j);
        }
        else if (_job.MaxIterations >= RaceAfter + ShortestRace)
        {
            RacingRow<TLanes, TVec>(j);
        }
        else
        {
            SteppingRow<TLanes, TVec>(j);
        }
    }

    /// <summary>
    /// One row, every iteration stepped with its bookkeeping (short iteration limits). Kept apart from
    /// <see cref="RacingRow{TLanes, TVec}"/>: in one method the racing code costs this loop registers.
    /// Both are fully optimised from the first call: tiered JIT would otherwise run the first measured
    /// rows as unoptimised tier-0 code, in every host (pwsh included).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SteppingRow<TLanes, TVec>(int j)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var width = _job.Width;
        var output = _job.Row(j);
        var cy = TLanes.Splat(_job.Y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        ref var x = ref MemoryMarshal.GetArrayDataReference(_paddedX);
        for (var i = 0; i < width; i += lanes * VectorsInFlight)
        {
            _job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
            var a = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i)));
            var b = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + lanes)));
            var c = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 2 * lanes)));
            var d = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 3 * lanes)));
            for (var n = 0; n < _job.MaxIterations; n++)
            {
                a.Step(cy, four);
                b.Step(cy, four);
                c.Step(cy, four);
                d.Step(cy, four);
                if (TLanes.IsAllZero(TLanes.Or(TLanes.Or(a.Active, b.Active), TLanes.Or(c.Active, d.Active))))
                {
                    break;
                }
            }

            Store<TLanes, TVec>(a.Count, output, i, width);
            Store<TLanes, TVec>(b.Count, output, i + lanes, width);
            Store<TLanes, TVec>(c.Count, output, i + 2 * lanes, width);
            Store<TLanes, TVec>(d.Count, output, i + 3 * lanes, width);
        }

        _job.Phases.CountPath(SteppedPath, (width + lanes * VectorsInFlight - 1) / (lanes * VectorsInFlight));
    }

    /// <summary>
    /// One row, racing blocks of iterations once past the dense early escapes (long iteration limits).
    /// A group whose iterating lanes all have |c| &lt;= 1.9 races bare steps (7 operations, escape tested
    /// at the block's end: escapes there are permanent); any other keeps a running maximum (9).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RacingRow<TLanes, TVec>(int j)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var width = _job.Width;
        var output = _job.Row(j);
        var cy = TLanes.Splat(_job.Y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        var permanentRadiusSquared = TLanes.Splat(T.CreateTruncating(3.61));
        Span<int> groups = stackalloc int[3]; // stepped only, raced keeping the maximum, raced with the final test
        ref var x = ref MemoryMarshal.GetArrayDataReference(_paddedX);
        for (var i = 0; i < width; i += lanes * VectorsInFlight)
        {
            _job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
            var a = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i)));
            var b = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + lanes)));
            var c = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 2 * lanes)));
            var d = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 3 * lanes)));
            var maxIterations = _job.MaxIterations;
            var race = _forcedRace ?? EscapeTest.RunningMaximum;
            var racing = false;
            for (var n = 0; n < maxIterations;)
            {
                var length = Math.Min(RaceLength, maxIterations - n);
                if (n >= RaceAfter && length >= ShortestRace)
                {
                    if (!racing)
                    {
                        // Decided once, as the group starts racing: only its still-iterating lanes matter.
                        racing = true;
                        if (_forcedRace is null
                            && a.EscapesArePermanent(cy, permanentRadiusSquared) && b.EscapesArePermanent(cy, permanentRadiusSquared)
                            && c.EscapesArePermanent(cy, permanentRadiusSquared) && d.EscapesArePermanent(cy, permanentRadiusSquared))
                        {
                            race = EscapeTest.FinalTest;
                        }
                    }

                    // Race a block without bookkeeping; if no iterating lane escaped in it, credit the whole block.
                    if (race == EscapeTest.FinalTest
                        ? Race<TLanes, TVec, FinalTestRace>(ref a, ref b, ref c, ref d, cy, four, length)
                        : Race<TLanes, TVec, RunningMaximumRace>(ref a, ref b, ref c, ref d, cy, four, length))
                    {
                        n += length;
                        continue;
                    }
                }

                // Some lane escaped in this block (or it is the short tail): redo it step by step,
                // which finds each lane's exact escape iteration.
                // Written so it cannot overflow when maxIterations is int.MaxValue.
                var end = n + length;
                for (; n < end; n++)
                {
                    a.Step(cy, four);
                    b.Step(cy, four);
                    c.Step(cy, four);
                    d.Step(cy, four);
                    if (TLanes.IsAllZero(TLanes.Or(TLanes.Or(a.Active, b.Active), TLanes.Or(c.Active, d.Active))))
                    {
                        goto Done;
                    }
                }
            }

            Done:
            groups[!racing ? 0 : race == EscapeTest.FinalTest ? 2 : 1]++;
            Store<TLanes, TVec>(a.Count, output, i, width);
            Store<TLanes, TVec>(b.Count, output, i + lanes, width);
            Store<TLanes, TVec>(c.Count, output, i + 2 * lanes, width);
            Store<TLanes, TVec>(d.Count, output, i + 3 * lanes, width);
        }

        _job.Phases.CountPath(SteppedPath, groups[0]);
        _job.Phases.CountPath(RacedRunningMaximumPath, groups[1]);
        _job.Phases.CountPath(RacedFinalTestPath, groups[2]);
    }

    /// <summary>
    /// Races the four registers through a block of <paramref name="length"/> iterations, without per-lane
    /// bookkeeping. Credits the block and returns true if no iterating lane escaped in it; otherwise
    /// leaves (or puts) them back at the block's start and returns false, for the caller to step it.
    /// <typeparamref name="TRace"/> = <see cref="FinalTestRace"/>: z alone races (two registers a vector,
    /// 7 operations a step) and is tested once at the end, which is exact where escapes are permanent;
    /// <see cref="RunningMaximumRace"/>: the orbits race keeping the largest |z|^2 (9 operations).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Race<TLanes, TVec, TRace>(ref Orbit<TLanes, TVec, T> a, ref Orbit<TLanes, TVec, T> b, ref Orbit<TLanes, TVec, T> c, ref Orbit<TLanes, TVec, T> d, TVec cy, TVec four, int length)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where TRace : struct
    {
        if (typeof(TRace) == typeof(FinalTestRace))
        {
            var (ra, rb, rc, rd) = (a.Bare(), b.Bare(), c.Bare(), d.Bare());
            StepBare<TLanes, TVec>(ref ra, ref rb, ref rc, ref rd, a.Cx, b.Cx, c.Cx, d.Cx, cy, length);

            // An iterating lane not inside now escaped somewhere in the block (it is out for good).
            if (!TLanes.IsAllZero(TLanes.Or(
                    TLanes.Or(TLanes.AndNot(a.Active, ra.Inside(four)), TLanes.AndNot(b.Active, rb.Inside(four))),
                    TLanes.Or(TLanes.AndNot(c.Active, rc.Inside(four)), TLanes.AndNot(d.Active, rd.Inside(four))))))
            {
                return false;
            }

            a.Resume(ra);
            b.Resume(rb);
            c.Resume(rc);
            d.Resume(rd);
        }
        else
        {
            var (startA, startB, startC, startD) = (a.StartRace(), b.StartRace(), c.StartRace(), d.StartRace());
            for (var k = 0; k < length; k++)
            {
                a.Race(cy);
                b.Race(cy);
                c.Race(cy);
                d.Race(cy);
            }

            if (a.MayHaveEscaped(four) || b.MayHaveEscaped(four) || c.MayHaveEscaped(four) || d.MayHaveEscaped(four))
            {
                a.Rewind(startA);
                b.Rewind(startB);
                c.Rewind(startC);
                d.Rewind(startD);
                return false;
            }
        }

        a.Credit(length);
        b.Credit(length);
        c.Credit(length);
        d.Credit(length);
        return true;
    }

    /// <summary>
    /// <paramref name="length"/> bare steps of four orbits. A method of its own so that its registers are its
    /// own: inlined into the row, the row's live orbits crowd them out and two of the eight z vectors
    /// would round-trip through memory every step (measured: the loop ran at half speed).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StepBare<TLanes, TVec>(
        ref BareOrbit<TLanes, TVec, T> a, ref BareOrbit<TLanes, TVec, T> b, ref BareOrbit<TLanes, TVec, T> c, ref BareOrbit<TLanes, TVec, T> d,
        TVec cxa, TVec cxb, TVec cxc, TVec cxd, TVec cy, int length)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var (ra, rb, rc, rd) = (a, b, c, d);
        for (var k = 0; k < length; k++)
        {
            ra.Step(cxa, cy);
            rb.Step(cxb, cy);
            rc.Step(cxc, cy);
            rd.Step(cxd, cy);
        }

        (a, b, c, d) = (ra, rb, rc, rd);
    }

    /// <summary>
    /// One row of a fast-and-wrong variant: fused multiply-adds every iteration, or the escape tested
    /// once per block of <c>EscapeInterval</c> iterations with no exact redo. Kept out of the exact
    /// rows' methods so their register allocation stays as measured.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LossyRow<TLanes, TVec>(int j)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var width = _job.Width;
        var output = _job.Row(j);
        var cy = TLanes.Splat(_job.Y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        var block = _step == SimdStep.Fused ? 1 : _job.EscapeInterval;
        ref var x = ref MemoryMarshal.GetArrayDataReference(_paddedX);
        for (var i = 0; i < width; i += lanes * VectorsInFlight)
        {
            _job.Cancellation.ThrowIfCancellationRequested();
            var a = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i)));
            var b = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + lanes)));
            var c = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 2 * lanes)));
            var d = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 3 * lanes)));
            for (var n = 0; n < _job.MaxIterations;)
            {
                var steps = Math.Min(block, _job.MaxIterations - n);
                if (_step == SimdStep.Fused)
                {
                    a.StepFused(cy, four);
                    b.StepFused(cy, four);
                    c.StepFused(cy, four);
                    d.StepFused(cy, four);
                }
                else
                {
                    // The four registers step side by side (their chains overlap); one test per block.
                    for (var k = 0; k < steps; k++)
                    {
                        a.Advance(cy);
                        b.Advance(cy);
                        c.Advance(cy);
                        d.Advance(cy);
                    }

                    a.SettleLazyBlock(four, steps);
                    b.SettleLazyBlock(four, steps);
                    c.SettleLazyBlock(four, steps);
                    d.SettleLazyBlock(four, steps);
                }

                n += steps;
                if (TLanes.IsAllZero(TLanes.Or(TLanes.Or(a.Active, b.Active), TLanes.Or(c.Active, d.Active))))
                {
                    break;
                }
            }

            Store<TLanes, TVec>(a.Count, output, i, width);
            Store<TLanes, TVec>(b.Count, output, i + lanes, width);
            Store<TLanes, TVec>(c.Count, output, i + 2 * lanes, width);
            Store<TLanes, TVec>(d.Count, output, i + 3 * lanes, width);
        }
    }

    /// <summary>Writes the counters of the lanes at [start, start+Count) that are real pixels (not padding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TLanes, TVec>(TVec count, Span<int> output, int start, int width)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        if (start + TLanes.Count <= width)
        {
            TLanes.StoreAllCounts(count, ref Unsafe.Add(ref MemoryMarshal.GetReference(output), start));
        }
        else if (start < width)
        {
            TLanes.StoreCounts(count, output.Slice(start, width - start));
        }
    }
}
