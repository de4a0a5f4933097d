using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The final-test race of one worker, twelve vectors at a time. A vector that still iterates after the
/// stepped iterations, in a group whose lanes all keep escapes permanent (|c| &lt;= 1.9), takes a slot;
/// the twelve slots race blocks of bare steps side by side (24 registers of z; each slot's c is kept
/// beside it and read from memory). Half the slots step in the multiply-heavy form where their c allow
/// it (<see cref="PipeBalance"/>), so the multiply and add pipes share the work evenly. Each slot keeps
/// its own iteration count, so a finished slot is refilled at once by the next survivor, from whichever
/// row the worker is on: the pool drains once per worker, not at every row's end, where a row's last
/// few vectors would race alone in twelve slots. A slot in which a lane escaped during a block alone
/// goes back to the block's start and is stepped through it exactly (with other such slots of its row,
/// four at a time). Counts are stored as slots retire.
/// </summary>
internal sealed class RacePool<TLanes, TVec, T> : IRacePool
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Size = 12;

    /// <param name="capacity">Slots in use, <see cref="Size"/> or half of it (tests run both loops on any machine).</param>
    public RacePool(int? capacity = null)
    {
        Capacity = capacity ?? OrbitsInFlight.Default;
        if (Capacity is not (Size or Size / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"A race pool has {Size} or {Size / 2} slots.");
        }
    }

    /// <summary>Slots in use: <see cref="Size"/> or half of it (as many orbits as this machine's registers hold: <see cref="OrbitsInFlight"/>).</summary>
    public int Capacity { get; }

    // Whole blocks one call races at most: about 50 microseconds, so Ctrl+C is seen promptly at any depth.
    private const int BlocksPerCall = 64;

    private Slots<CountingOrbit<TLanes, TVec, T>> _orbits;
    private Slots<BareOrbit<TLanes, TVec, T>> _raced;     // z racing ahead
    private Slots<BareOrbit<TLanes, TVec, T>> _blockStart; // z at the start of the last block raced
    private Slots<TVec> _cx;
    private Slots<TVec> _cy;
    private Slots<int> _row;
    private Slots<int> _start; // the slot's first pixel in its row
    private Slots<int> _done;  // iterations the slot's iterating lanes have made
    private Slots<bool> _plainOnly; // the slot's c do not allow the multiply-heavy form

    /// <summary>Occupied slots: 0..Count-1.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>
    /// Takes a settled orbit of pixels from (<paramref name="row"/>, <paramref name="start"/>), with c =
    /// (<paramref name="cx"/>, <paramref name="cy"/>), that has made <paramref name="done"/> iterations;
    /// <paramref name="balanced"/> says whether its c allow the multiply-heavy form.
    /// </summary>
    public void Add(in CountingOrbit<TLanes, TVec, T> orbit, TVec cx, TVec cy, int row, int start, int done, bool balanced)
    {
        var k = Count++;
        _orbits[k] = orbit;
        _cx[k] = cx;
        _cy[k] = cy;
        _row[k] = row;
        _start[k] = start;
        _done[k] = done;
        _plainOnly[k] = !balanced;
    }

    /// <summary>
    /// Races whole blocks of the driver's race length while no slot has a lane that escaped (as many as the
    /// shortest remaining race holds, at most <see cref="BlocksPerCall"/>; a shorter last block alone,
    /// stepped where shorter than the shortest race), redoes exactly the block in which a slot's lane
    /// escaped, and retires the slots that are done, storing their counts in <paramref name="counts"/>
    /// (the whole image).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Race(TVec four, int maxIterations, Span<int> counts, int width)
    {
        var remaining = int.MaxValue;
        for (var k = 0; k < Count; k++)
        {
            remaining = Math.Min(remaining, maxIterations - _done[k]);
        }

        var length = Math.Min(SimdRows<T>.RaceLength, remaining);
        var blocks = length == SimdRows<T>.RaceLength ? Math.Min(BlocksPerCall, remaining / length) : 1;
        Span<int> redo = stackalloc int[Size];
        var redoing = 0;
        if (length >= SimdRows<T>.ShortestRace)
        {
            var mixed = Capacity == Size && ArrangedForMixed(); // six slots use 12 of 16 registers: none is left for the factor 2
            Slots<TVec> iterating = default; // empty slots test nothing
            for (var k = 0; k < Count; k++)
            {
                _raced[k] = _orbits[k].Bare;
                iterating[k] = _orbits[k].Active;
            }

            // Empty slots race the z and c they last held: work thrown away.
            var passed = (mixed, Capacity == Size) switch
            {
                (true, _) => RaceBlocks<MixedForm, TwelveInFlight>(ref _raced, ref _blockStart, ref _cx, ref _cy, ref iterating, four, length, blocks),
                (false, true) => RaceBlocks<PlainForm, TwelveInFlight>(ref _raced, ref _blockStart, ref _cx, ref _cy, ref iterating, four, length, blocks),
                (false, false) => RaceBlocks<PlainForm, SixInFlight>(ref _raced, ref _blockStart, ref _cx, ref _cy, ref iterating, four, length, blocks),
            };
            for (var k = 0; k < Count; k++)
            {
                // An iterating lane whose |z|^2 at a block's end is not <= 4 escaped somewhere in the block (permanently).
                if (passed == blocks || TLanes.IsAllZero(Outside(_raced[k], _orbits[k].Active, four)))
                {
                    var raced = Math.Min(passed + 1, blocks) * length;
                    _orbits[k].Resume(_raced[k], raced);
                    _done[k] += raced;
                }
                else
                {
                    _orbits[k].Resume(_blockStart[k], passed * length);
                    _done[k] += passed * length;
                    redo[redoing++] = k;
                }
            }
        }
        else
        {
            for (var k = 0; k < Count; k++)
            {
                redo[redoing++] = k; // a short last block is stepped
            }
        }

        RedoByRow(redo[..redoing], four, length);
        for (var k = Count - 1; k >= 0; k--)
        {
            if (_done[k] == maxIterations || TLanes.IsAllZero(_orbits[k].Active))
            {
                SimdRows<T>.Store<TLanes, TVec>(_orbits[k].Count, counts.Slice(_row[k] * width, width), _start[k], width);
                var last = --Count;

                // Copied, not swapped: the emptied slot keeps a raced z and the c it belongs with (no subnormal work).
                (_orbits[k], _cx[k], _cy[k], _row[k], _start[k], _done[k], _plainOnly[k]) =
                    (_orbits[last], _cx[last], _cy[last], _row[last], _start[last], _done[last], _plainOnly[last]);
            }
        }
    }

    /// <summary>Races until every slot has retired (a worker's last rows), checking for Ctrl+C between races.</summary>
    public void Drain(int maxIterations, Span<int> counts, int width, CancellationToken cancellation)
    {
        var four = TLanes.Splat(T.CreateTruncating(4));
        while (Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            Race(four, maxIterations, counts, width);
        }
    }

    /// <summary>
    /// Moves every slot whose c refuse the multiply-heavy form to a place the mixed loop steps in the
    /// reference's form (an even one), swapping it with a slot that allows either; false if that cannot be
    /// done (the plain loop then races them all). One column at cx = 0 would otherwise hold the whole pool
    /// to the plain loop for every race it is in.
    /// </summary>
    internal bool ArrangedForMixed()
    {
        var partner = 0;
        for (var k = 1; k < Count; k += 2)
        {
            if (!_plainOnly[k])
            {
                continue;
            }

            while (partner < Count && _plainOnly[partner])
            {
                partner += 2;
            }

            if (partner >= Count)
            {
                return false;
            }

            (_orbits[k], _orbits[partner]) = (_orbits[partner], _orbits[k]);
            (_cx[k], _cx[partner]) = (_cx[partner], _cx[k]);
            (_cy[k], _cy[partner]) = (_cy[partner], _cy[k]);
            (_row[k], _row[partner]) = (_row[partner], _row[k]);
            (_start[k], _start[partner]) = (_start[partner], _start[k]);
            (_done[k], _done[partner]) = (_done[partner], _done[k]);
            (_plainOnly[k], _plainOnly[partner]) = (false, true);
        }

        return true;
    }

    /// <summary>Where slot k's pixels are and whether its c refuse the multiply-heavy form (for tests of the arrangement).</summary>
    internal (int Row, int Start, bool PlainOnly) Slot(int k) => (_row[k], _start[k], _plainOnly[k]);

    /// <summary>Redoes the slots in groups of up to four that share a row (so they share cy, as the exact step wants).</summary>
    private void RedoByRow(Span<int> slots, TVec four, int length)
    {
        Span<int> group = stackalloc int[4];
        while (slots.Length > 0)
        {
            var row = _row[slots[0]];
            var taken = 0;
            var kept = 0;
            foreach (var slot in slots)
            {
                if (_row[slot] == row && taken < group.Length)
                {
                    group[taken++] = slot;
                }
                else
                {
                    slots[kept++] = slot;
                }
            }

            Redo(group[..taken], four, length);
            slots = slots[..kept];
        }
    }

    /// <summary>Steps up to four slots of one row exactly through the block they are at the start of, their c's real parts gathered side by side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Redo(ReadOnlySpan<int> slots, TVec four, int length)
    {
        var lanes = TLanes.Count;
        Span<T> cx = stackalloc T[4 * Vector512<T>.Count];
        for (var s = 0; s < slots.Length; s++)
        {
            MemoryMarshal.Cast<TVec, T>(MemoryMarshal.CreateReadOnlySpan(ref _cx[slots[s]], 1)).CopyTo(cx.Slice(s * lanes, lanes));
        }

        // Places past the slots hold orbits with no iterating lane: stepped for nothing, never kept.
        var (a, b, c, d) = (Taken(slots, 0), Taken(slots, 1), Taken(slots, 2), Taken(slots, 3));
        SimdRows<T>.Step<TLanes, TVec>(ref a, ref b, ref c, ref d, ref MemoryMarshal.GetReference(cx), _cy[slots[0]], four, length);
        Return(slots, 0, a, length);
        Return(slots, 1, b, length);
        Return(slots, 2, c, length);
        Return(slots, 3, d, length);
    }

    private CountingOrbit<TLanes, TVec, T> Taken(ReadOnlySpan<int> slots, int s) => s < slots.Length ? _orbits[slots[s]] : default;

    private void Return(ReadOnlySpan<int> slots, int s, in CountingOrbit<TLanes, TVec, T> orbit, int length)
    {
        if (s < slots.Length)
        {
            _orbits[slots[s]] = orbit;
            _done[slots[s]] += length;
        }
    }

    /// <summary>
    /// Races the pool's slots (twelve, or six where <typeparamref name="TSlots"/> says so) through up to
    /// <paramref name="blocks"/> blocks of <paramref name="length"/> bare steps, each slot with its own c
    /// (read from memory), every other one in the multiply-heavy form where <typeparamref name="TForm"/>
    /// allows. Each block's end tests every <paramref name="iterating"/> lane; the first block in which
    /// one escaped ends the race. Returns the blocks that passed; after a failed block,
    /// <paramref name="orbits"/> hold its end and <paramref name="blockStarts"/> its start. A method of
    /// its own so that z stays in registers from block to block (24 of them, or 12).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int RaceBlocks<TForm, TSlots>(ref Slots<BareOrbit<TLanes, TVec, T>> orbits, ref Slots<BareOrbit<TLanes, TVec, T>> blockStarts,
        ref Slots<TVec> cx, ref Slots<TVec> cy, ref Slots<TVec> iterating, TVec four, int length, int blocks)
        where TForm : struct, IStepForm
        where TSlots : struct, IOrbitsInFlight
    {
        var two = TLanes.Splat(T.CreateTruncating(2));
        var (a, b, c, d, e, f) = (orbits[0], orbits[1], orbits[2], orbits[3], orbits[4], orbits[5]);
        BareOrbit<TLanes, TVec, T> g = default, h = default, i = default, j = default, k = default, l = default;
        if (TSlots.Twelve)
        {
            (g, h, i, j, k, l) = (orbits[6], orbits[7], orbits[8], orbits[9], orbits[10], orbits[11]);
        }

        var passed = 0;
        for (; passed < blocks; passed++)
        {
            (blockStarts[0], blockStarts[1], blockStarts[2], blockStarts[3], blockStarts[4], blockStarts[5]) = (a, b, c, d, e, f);
            if (TSlots.Twelve)
            {
                (blockStarts[6], blockStarts[7], blockStarts[8], blockStarts[9], blockStarts[10], blockStarts[11]) = (g, h, i, j, k, l);
            }

            for (var n = 0; n < length; n++)
            {
                a.Step(cx[0], cy[0]);
                PipeBalance.StepSecond<TForm, TLanes, TVec, T>(ref b, cx[1], cy[1], two);
                c.Step(cx[2], cy[2]);
                PipeBalance.StepSecond<TForm, TLanes, TVec, T>(ref d, cx[3], cy[3], two);
                e.Step(cx[4], cy[4]);
                PipeBalance.StepSecond<TForm, TLanes, TVec, T>(ref f, cx[5], cy[5], two);
                if (TSlots.Twelve)
                {
                    g.Step(cx[6], cy[6]);
                    PipeBalance.StepSecond<TForm, TLanes, TVec, T>(ref h, cx[7], cy[7], two);
                    i.Step(cx[8], cy[8]);
                    PipeBalance.StepSecond<TForm, TLanes, TVec, T>(ref j, cx[9], cy[9], two);
                    k.Step(cx[10], cy[10]);
                    PipeBalance.StepSecond<TForm, TLanes, TVec, T>(ref l, cx[11], cy[11], two);
                }
            }

            var escaped = TLanes.Or(
                TLanes.Or(Outside(a, iterating[0], four), Outside(b, iterating[1], four)),
                TLanes.Or(TLanes.Or(Outside(c, iterating[2], four), Outside(d, iterating[3], four)), TLanes.Or(Outside(e, iterating[4], four), Outside(f, iterating[5], four))));
            if (TSlots.Twelve)
            {
                escaped = TLanes.Or(escaped, TLanes.Or(
                    TLanes.Or(Outside(g, iterating[6], four), Outside(h, iterating[7], four)),
                    TLanes.Or(TLanes.Or(Outside(i, iterating[8], four), Outside(j, iterating[9], four)), TLanes.Or(Outside(k, iterating[10], four), Outside(l, iterating[11], four)))));
            }

            if (!TLanes.IsAllZero(escaped))
            {
                break;
            }
        }

        (orbits[0], orbits[1], orbits[2], orbits[3], orbits[4], orbits[5]) = (a, b, c, d, e, f);
        if (TSlots.Twelve)
        {
            (orbits[6], orbits[7], orbits[8], orbits[9], orbits[10], orbits[11]) = (g, h, i, j, k, l);
        }

        return passed;
    }

    /// <summary>The iterating lanes whose |z|^2 is not &lt;= 4 (a NaN is outside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Outside(in BareOrbit<TLanes, TVec, T> orbit, TVec iterating, TVec four) => TLanes.AndNot(iterating, orbit.Inside(four));

    /// <summary>Twelve of a kind in one block of memory, indexable.</summary>
    [InlineArray(Size)]
    private struct Slots<TItem>
    {
        private TItem _first;
    }
}

/// <summary>A race pool of any width, as a worker keeps it from row to row.</summary>
internal interface IRacePool
{
    void Drain(int maxIterations, Span<int> counts, int width, CancellationToken cancellation);
}
