using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The final-test race of a row, six vectors at a time. A vector that still iterates after the stepped
/// iterations, in a group whose lanes all keep escapes permanent (|c| &lt;= 1.9), takes a slot; the six
/// slots race blocks of bare steps side by side. Four racing vectors leave the add pipes waiting on a
/// step's ~10-cycle chain; six keep them busy (12 registers of z, c read from memory). Each slot keeps
/// its own iteration count, so a finished slot is refilled at once by the row's next survivor; a slot in
/// which a lane escaped during a block alone goes back to the block's start and is stepped through it
/// exactly (with any other such slots, four at a time). Counts are stored as slots retire.
/// </summary>
internal struct RacePool<TLanes, TVec, T>
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Size = 6;

    private Slots<CountingOrbit<TLanes, TVec, T>> _orbits;
    private Slots<int> _start; // the slot's first pixel in the row
    private Slots<int> _done;  // iterations the slot's iterating lanes have made
    private Slots<BareOrbit<TLanes, TVec, T>> _raced; // z racing ahead of the block's start (a field: not zeroed every block)

    /// <summary>Occupied slots: 0..Count-1.</summary>
    public int Count { get; private set; }

    public readonly bool IsFull => Count == Size;

    /// <summary>Takes a settled orbit that has made <paramref name="done"/> iterations, its pixels from <paramref name="start"/>.</summary>
    public void Add(in CountingOrbit<TLanes, TVec, T> orbit, int start, int done)
    {
        _orbits[Count] = orbit;
        _start[Count] = start;
        _done[Count] = done;
        Count++;
    }

    /// <summary>
    /// Races one block (the shortest remaining of any slot, at most the driver's race length; a last block
    /// shorter than its shortest race is stepped), redoes the slots in which a lane escaped, and retires
    /// the slots that are done, storing their counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RaceBlock(ref T x, TVec cy, TVec four, int maxIterations, Span<int> output, int width)
    {
        var length = SimdRows<T>.RaceLength;
        for (var k = 0; k < Count; k++)
        {
            length = Math.Min(length, maxIterations - _done[k]);
        }

        Span<int> redo = stackalloc int[Size];
        var redoing = 0;
        if (length >= SimdRows<T>.ShortestRace)
        {
            for (var k = 0; k < Count; k++)
            {
                _raced[k] = _orbits[k].Bare;
            }

            // Empty slots (while the pool drains at the row's end) race what they last held with slot 0's c: work thrown away.
            StepBareSix(ref _raced, ref Cx(ref x, 0), ref Cx(ref x, 1), ref Cx(ref x, 2), ref Cx(ref x, 3), ref Cx(ref x, 4), ref Cx(ref x, 5), cy, length);
            for (var k = 0; k < Count; k++)
            {
                // An iterating lane whose final |z|^2 is not <= 4 escaped somewhere in the block (permanently).
                if (TLanes.IsAllZero(TLanes.AndNot(_orbits[k].Active, TLanes.LessThanOrEqual(_raced[k].Magnitude(), four))))
                {
                    _orbits[k].Resume(_raced[k], length);
                    _done[k] += length;
                }
                else
                {
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

        for (var first = 0; first < redoing; first += 4)
        {
            Redo(redo.Slice(first, Math.Min(4, redoing - first)), ref x, cy, four, length);
        }

        for (var k = Count - 1; k >= 0; k--)
        {
            if (_done[k] == maxIterations || TLanes.IsAllZero(_orbits[k].Active))
            {
                SimdRows<T>.Store<TLanes, TVec>(_orbits[k].Count, output, _start[k], width);
                Count--;
                (_orbits[k], _start[k], _done[k]) = (_orbits[Count], _start[Count], _done[Count]);
            }
        }
    }

    /// <summary>Steps up to four slots exactly through the block they are at the start of, their c's real parts gathered side by side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Redo(ReadOnlySpan<int> slots, ref T x, TVec cy, TVec four, int length)
    {
        var lanes = TLanes.Count;
        Span<T> cx = stackalloc T[4 * Vector512<T>.Count];
        for (var s = 0; s < slots.Length; s++)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Cx(ref x, slots[s]), lanes).CopyTo(cx.Slice(s * lanes, lanes));
        }

        // Places past the slots hold orbits with no iterating lane: stepped for nothing, never kept.
        var (a, b, c, d) = (Taken(slots, 0), Taken(slots, 1), Taken(slots, 2), Taken(slots, 3));
        SimdRows<T>.Step<TLanes, TVec>(ref a, ref b, ref c, ref d, ref MemoryMarshal.GetReference(cx), cy, four, length);
        Return(slots, 0, a, length);
        Return(slots, 1, b, length);
        Return(slots, 2, c, length);
        Return(slots, 3, d, length);
    }

    private readonly CountingOrbit<TLanes, TVec, T> Taken(ReadOnlySpan<int> slots, int s) => s < slots.Length ? _orbits[slots[s]] : default;

    private void Return(ReadOnlySpan<int> slots, int s, in CountingOrbit<TLanes, TVec, T> orbit, int length)
    {
        if (s < slots.Length)
        {
            _orbits[slots[s]] = orbit;
            _done[slots[s]] += length;
        }
    }

    /// <summary>The first real part of c of slot k's pixels (slot 0's for an empty slot).</summary>
    private readonly ref T Cx(ref T x, int k) => ref Unsafe.Add(ref x, _start[k < Count ? k : 0]);

    /// <summary>
    /// <paramref name="length"/> bare steps of six orbits, each with its own c's real part (read from memory
    /// every step: twelve registers hold z). A method of its own so that its registers are its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StepBareSix(ref Slots<BareOrbit<TLanes, TVec, T>> orbits, ref T cx0, ref T cx1, ref T cx2, ref T cx3, ref T cx4, ref T cx5, TVec cy, int length)
    {
        var (a, b, c, d, e, f) = (orbits[0], orbits[1], orbits[2], orbits[3], orbits[4], orbits[5]);
        for (var k = 0; k < length; k++)
        {
            a.Step(TLanes.Load(ref cx0), cy);
            b.Step(TLanes.Load(ref cx1), cy);
            c.Step(TLanes.Load(ref cx2), cy);
            d.Step(TLanes.Load(ref cx3), cy);
            e.Step(TLanes.Load(ref cx4), cy);
            f.Step(TLanes.Load(ref cx5), cy);
        }

        (orbits[0], orbits[1], orbits[2], orbits[3], orbits[4], orbits[5]) = (a, b, c, d, e, f);
    }

    /// <summary>Six of a kind in one block of memory, indexable.</summary>
    [InlineArray(Size)]
    private struct Slots<TItem>
    {
        private TItem _first;
    }
}
