using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The SIMD driver: solves one row at a time, a register of pixels per vector, four vectors in flight so
/// the latency of each add and multiply overlaps with the other vectors' work. Each lane keeps
/// its own "still iterating" mask and integer counter; the loop ends when every lane has escaped.
/// For long iteration limits, blocks past the first 64 iterations are raced (see <see cref="Orbit{TLanes, TVec, T}.Race"/>):
/// 9 vector operations per iteration instead of 12, the block redone exactly when a lane escaped in it
/// (measured here: +15% at 1000 iterations, +7% at 256; short limits step every iteration).
/// Scalar equivalent (per lane): <see cref="ExpandedKernel.EscapeCount{T}(T, T, int)"/>, bit for bit:
/// the same operations in the same order, no fused multiply-add, the same NaN-false comparison.
/// </summary>
internal sealed class SimdRows<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Four independent registers per loop: each step is a ~4-deep chain of 3-4 cycle operations, so
    // one register alone leaves the FP pipes idle most cycles (measured: 1 -> 2 -> 4 in flight gains
    // 1.5x then 1.25x here; 6 loses to register pressure, as in the C reference).
    private const int VectorsInFlight = 4;

    // Iterations raced between escape checks: long enough to amortise the check and the saved state,
    // short enough that redoing a block after an escape stays cheap.
    private const int RaceLength = 8;

    // Most pixels outside the set escape within a few dozen iterations: racing there would mostly be
    // redone, so the first iterations are always stepped exactly.
    private const int RaceAfter = 64;

    // Padding lanes hold c = 4 + 0i: |z_1|^2 = 16 > 4, so they escape on the first iteration and never
    // keep a register busy; their counts are never stored.
    private static readonly T PaddingX = T.CreateTruncating(4);

    private readonly KernelJob<T> _job;
    private readonly T[] _paddedX;

    private readonly SimdStep _step;

    public SimdRows(KernelJob<T> job, SimdStep step = SimdStep.Exact)
    {
        _job = job;
        _step = step;
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
        else if (_job.MaxIterations >= RaceAfter + RaceLength)
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
    }

    /// <summary>One row, racing blocks of iterations once past the dense early escapes (long iteration limits).</summary>
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
        ref var x = ref MemoryMarshal.GetArrayDataReference(_paddedX);
        for (var i = 0; i < width; i += lanes * VectorsInFlight)
        {
            _job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
            var a = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i)));
            var b = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + lanes)));
            var c = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 2 * lanes)));
            var d = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 3 * lanes)));
            var maxIterations = _job.MaxIterations;
            for (var n = 0; n < maxIterations;)
            {
                // Past the first iterations, where escapes are dense, race a block without bookkeeping;
                // if no iterating lane escaped in it, credit the whole block.
                if (n >= RaceAfter && maxIterations - n >= RaceLength)
                {
                    var (startA, startB, startC, startD) = (a.StartRace(), b.StartRace(), c.StartRace(), d.StartRace());
                    for (var k = 0; k < RaceLength; k++)
                    {
                        a.Race(cy);
                        b.Race(cy);
                        c.Race(cy);
                        d.Race(cy);
                    }

                    if (!(a.MayHaveEscaped(four) || b.MayHaveEscaped(four) || c.MayHaveEscaped(four) || d.MayHaveEscaped(four)))
                    {
                        a.Credit(RaceLength);
                        b.Credit(RaceLength);
                        c.Credit(RaceLength);
                        d.Credit(RaceLength);
                        n += RaceLength;
                        continue;
                    }

                    a.Rewind(startA);
                    b.Rewind(startB);
                    c.Rewind(startC);
                    d.Rewind(startD);
                }

                // Some lane escaped in this block (or it is the short tail): redo it step by step,
                // which finds each lane's exact escape iteration.
                // Written so it cannot overflow when maxIterations is int.MaxValue.
                var end = n + Math.Min(RaceLength, maxIterations - n);
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

            Store<TLanes, TVec>(a.Count, output, i, width);
            Store<TLanes, TVec>(b.Count, output, i + lanes, width);
            Store<TLanes, TVec>(c.Count, output, i + 2 * lanes, width);
            Store<TLanes, TVec>(d.Count, output, i + 3 * lanes, width);
        }
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
