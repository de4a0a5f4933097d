using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>What one FormulaVectorized worker does, whatever the width: rows, then the drain of its pool.</summary>
internal interface IVectorFormulaRows
{
    void Row(int j);

    /// <summary>Races the pool empty, storing the counts still racing, and adds the worker's vectors to the job's paths.</summary>
    void Finish();
}

/// <summary>
/// FormulaVectorized's rows on one worker: the generated step and race code (<see cref="VectorCompiler"/>)
/// driven the way ParallelSimd drives its own. A group of <see cref="VectorCompiler.InFlight"/> vectors
/// of a row is stepped exactly through the first iterations, where most pixels outside the set escape
/// (or raced through them from z_0, where the row's previous group outlived them); each vector still
/// iterating then takes a slot in the worker's pool, whose slots race blocks side by side; a vector in whose
/// block a lane escaped leaves the pool and is stepped exactly through it with others that did, then comes
/// back. A slot whose lanes are all done is stored and refilled at once
/// by the next survivor, from whichever row the worker is on: a vector no longer waits for the slowest
/// of its group (the generated code's groups had raced and retired together), and the pool drains once
/// per worker, not at every row's end. A row's last vector is padded with copies of its last pixel,
/// which escapes (or not) with it, so padding never makes a slot iterate longer.
/// </summary>
internal sealed class VectorFormulaRows<TLanes, TVec, T> : IVectorFormulaRows
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly KernelJob<T> _job;
    private readonly VectorStepFunction _step;
    private readonly VectorRaceFunction _race;
    private readonly CacheAligned<T> _paddedX;
    private readonly bool? _forcedFromStart;
    private readonly int _slots;

    // Each in cache lines of its own (c is read every step); both laid out as the generated code reads them.
    // An empty pool swaps its state with the group's, which then enters in place.
    private CacheAligned<TVec> _group;
    private CacheAligned<TVec> _pool;

    // Per pool slot: where its pixels are, iterations made, the races it took part in (1 << test, as Path reads them).
    private readonly int[] _row;
    private readonly int[] _start;
    private readonly int[] _done;
    private readonly int[] _raced;
    private int _occupied;

    // z and iterating lanes of the slots set aside while others are stepped (see StepOnly).
    private readonly TVec[] _parked;

    // Vectors whose slot failed a raced block, at the block's start (see SetAside), and their places: room for a
    // full step's worth and a race's more.
    private readonly CacheAligned<TVec> _setAside;
    private readonly Place[] _asidePlaces;
    private int _aside;

    // Vectors by path: stepped, raced keeping the maximum, raced with the final test, raced from z_0.
    private readonly long[] _paths = new long[4];

    /// <param name="job">The job whose rows this worker solves.</param>
    /// <param name="code">The formula's step and race functions at the job's width.</param>
    /// <param name="paddedX">The row's x, padded to whole groups with copies of its last pixel; shared by the workers.</param>
    /// <param name="forcedFromStart">Null: a group races its first iterations when the row's previous group kept every lane through them. Tests force it on or off.</param>
    public VectorFormulaRows(KernelJob<T> job, VectorFormula<T> code, CacheAligned<T> paddedX, bool? forcedFromStart = null)
    {
        _job = job;
        (_step, _race) = (code.Step, code.Race);
        _paddedX = paddedX;
        _forcedFromStart = forcedFromStart;
        _slots = code.InFlight;
        _group = new CacheAligned<TVec>(_slots * VectorCompiler.StateFields);
        _pool = new CacheAligned<TVec>(_slots * VectorCompiler.StateFields);
        (_row, _start, _done, _raced) = (new int[_slots], new int[_slots], new int[_slots], new int[_slots]);
        _parked = new TVec[3 * _slots];
        _setAside = new CacheAligned<TVec>(2 * _slots * VectorCompiler.StateFields);
        _asidePlaces = new Place[2 * _slots];
    }

    /// <summary>One row, a group at a time; vectors still iterating after the first iterations go on in the pool.</summary>
    /// <remarks>
    /// Every method here is fully optimized from its first call, as the generated code is: at tier 0 the
    /// bookkeeping ran several times slower until tiering caught up, and a kernel measured after another
    /// in one process (where tiering waits longer) read 10-25% slow.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Row(int j)
    {
        var group = TLanes.Count * _slots;
        var cy = _job.Y[j];
        var previousKeptEveryLane = false;
        for (var i = 0; i < _job.Width; i += group)
        {
            _job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
            while (_aside >= _slots)
            {
                StepSetAside();
            }

            previousKeptEveryLane = Group(j, i, cy, _forcedFromStart ?? previousKeptEveryLane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finish()
    {
        while (_occupied != 0 || _aside != 0)
        {
            _job.Cancellation.ThrowIfCancellationRequested();
            if (_occupied != 0)
            {
                RaceOnce();
            }
            else
            {
                StepSetAside(); // back into the pool, or done
            }
        }

        SimdRows<T>.CountPaths(_job.Phases, _paths);
        if (_paths[1] + _paths[2] + _paths[3] > 0)
        {
            _job.Phases.Note($"{InFlightNote}{_slots}"); // a choice by measurement at 512 bits (VectorsInFlight)
        }
    }

    /// <summary>What the result's CodePath says of the vectors raced side by side: "in flight: 6".</summary>
    internal const string InFlightNote = "in flight: ";

    /// <summary>
    /// The group of vectors from pixel <paramref name="i"/> of row <paramref name="j"/> through the first
    /// iterations; returns whether every lane outlived them (a hint for the next group).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Group(int j, int i, T y, bool raceFirst)
    {
        var lanes = TLanes.Count;
        var inRow = Math.Min(_slots, (_job.Width - i + lanes - 1) / lanes);
        var cy = TLanes.Splat(y);
        ref var group = ref _group.First;
        ref var x = ref Unsafe.Add(ref _paddedX.First, i);
        for (var v = 0; v < _slots; v++)
        {
            // Fresh orbits at z_0; the group's vectors past the row's end have no iterating lane.
            Field(ref group, v, VectorCompiler.ZxField) = default;
            Field(ref group, v, VectorCompiler.ZyField) = default;
            Field(ref group, v, VectorCompiler.ActiveField) = v < inRow ? TLanes.AllBitsSet : default;
            Field(ref group, v, VectorCompiler.CountField) = default;
            Field(ref group, v, VectorCompiler.CxField) = TLanes.Load(ref Unsafe.Add(ref x, v * lanes));
            Field(ref group, v, VectorCompiler.CyField) = cy;
        }

        var maxIterations = _job.MaxIterations;
        var n = Math.Min(SimdRows<T>.RaceAfter, maxIterations);
        var vectors = (1 << inRow) - 1;
        var fromStart = 0; // the vectors whose first iterations were raced with no lane escaping
        if (raceFirst && n >= SimdRows<T>.ShortestRace)
        {
            var failed = VectorCompiler.FailedSlots(_race(ref Bytes(ref group), n, 1));
            fromStart = vectors & ~failed;
            if (failed != 0)
            {
                StepOnly(ref group, failed, vectors, n);
            }
        }
        else
        {
            _step(ref Bytes(ref group), n);
        }

        // Into an empty pool the group enters in place (no copy): where every vector escapes soon after
        // the first iterations, the pool is empty at nearly every group. (group still refers to the
        // group's vectors, which are then the pool's.)
        var inPlace = _occupied == 0;
        if (inPlace)
        {
            (_group, _pool) = (_pool, _group);
        }

        var keptEveryLane = n < maxIterations; // a limit within the first iterations races nothing
        for (var v = 0; v < inRow; v++)
        {
            ref var active = ref Field(ref group, v, VectorCompiler.ActiveField);
            var raced = (fromStart >> v & 1) << VectorCompiler.RacedFromStart;
            keptEveryLane &= TLanes.IsAllZero(TLanes.AndNot(TLanes.AllBitsSet, active));
            if (n < maxIterations && !TLanes.IsAllZero(active))
            {
                if (inPlace)
                {
                    Take(v, j, i + v * lanes, n, raced);
                }
                else
                {
                    Enter(v, j, i + v * lanes, n, raced);
                }
            }
            else
            {
                SimdRows<T>.Store<TLanes, TVec>(Field(ref group, v, VectorCompiler.CountField), _job.Row(j), i + v * lanes, _job.Width);
                _paths[Path(raced)]++;
                active = default; // in place, a free slot
            }
        }

        RaceWhileFull();
        return keptEveryLane;
    }

    /// <summary>Copies the group's vector <paramref name="v"/> into a free slot of the pool, racing the pool while it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Enter(int v, int row, int start, int done, int raced)
    {
        var k = BitOperations.TrailingZeroCount(~_occupied);
        CopySlot(ref _group.First, v, ref _pool.First, k);
        Take(k, row, start, done, raced);
        RaceWhileFull();
    }

    /// <summary>Marks pool slot <paramref name="k"/>, whose state is in place, as holding the pixels from (<paramref name="row"/>, <paramref name="start"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Take(int k, int row, int start, int done, int raced)
    {
        _occupied |= 1 << k;
        (_row[k], _start[k], _done[k], _raced[k]) = (row, start, done, raced);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RaceWhileFull()
    {
        while (_occupied == (1 << _slots) - 1)
        {
            _job.Cancellation.ThrowIfCancellationRequested();
            RaceOnce();
        }
    }

    /// <summary>
    /// Races whole blocks of the pool while no lane escapes (as many as the shortest remaining race holds,
    /// at most <see cref="SimdRows{T}.BlocksPerCall"/>; a shorter last block alone, stepped where shorter than the
    /// shortest race), steps exactly the block in which a lane escaped, then stores and frees the slots
    /// that are done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RaceOnce()
    {
        var maxIterations = _job.MaxIterations;
        var remaining = int.MaxValue;
        for (var slots = _occupied; slots != 0; slots &= slots - 1)
        {
            remaining = Math.Min(remaining, maxIterations - _done[BitOperations.TrailingZeroCount(slots)]);
        }

        var (length, blocks) = SimdRows<T>.NextRace(remaining);
        var test = 0;
        var made = length; // iterations every slot has made when this returns
        ref var pool = ref _pool.First;
        ref var state = ref Bytes(ref pool);
        if (length >= SimdRows<T>.ShortestRace)
        {
            var raced = _race(ref state, length, blocks);
            var failed = VectorCompiler.FailedSlots(raced);
            test = 1 << VectorCompiler.TestOf(raced);
            made = VectorCompiler.BlocksPassed(raced) * length;
            if (failed != 0)
            {
                // A lane escaped in the next block: its slot, left at the block's start, is set aside to be stepped
                // through it with others (stepped here when there is no room).
                if (_aside + BitOperations.PopCount((uint)failed) <= 2 * _slots)
                {
                    for (var slots = failed; slots != 0; slots &= slots - 1)
                    {
                        SetAside(BitOperations.TrailingZeroCount(slots), made, test);
                    }
                }
                else
                {
                    StepOnly(ref pool, failed, _occupied, length);
                }

                made += length;
            }
        }
        else
        {
            _step(ref state, length);
        }

        for (var slots = _occupied; slots != 0; slots &= slots - 1)
        {
            var k = BitOperations.TrailingZeroCount(slots);
            _done[k] += made;
            _raced[k] |= test;
            ref var active = ref Field(ref pool, k, VectorCompiler.ActiveField);
            if (_done[k] >= maxIterations || TLanes.IsAllZero(active))
            {
                SimdRows<T>.Store<TLanes, TVec>(Field(ref pool, k, VectorCompiler.CountField), _job.Row(_row[k]), _start[k], _job.Width);
                _paths[Path(_raced[k])]++;
                active = default; // a free slot races for nothing and holds no race back
                _occupied &= ~(1 << k);
            }
        }
    }

    /// <summary>
    /// Moves pool slot <paramref name="k"/>, left at the start of a block in which a lane escaped after
    /// <paramref name="made"/> iterations of races with <paramref name="test"/>, out of the pool, freeing it for the
    /// next survivor. Stepped at once, the one or two slots of a failed block took a step of the whole pool's code
    /// (the others parked) through the whole block; set aside, a full step's worth go through it together
    /// (<see cref="StepSetAside"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SetAside(int k, int made, int test)
    {
        ref var pool = ref _pool.First;
        CopySlot(ref pool, k, ref _setAside.First, _aside);
        _asidePlaces[_aside++] = new Place(_row[k], _start[k], _done[k] + made, _raced[k] | test);
        Field(ref pool, k, VectorCompiler.ActiveField) = default; // a free slot races for nothing
        _occupied &= ~(1 << k);
    }

    /// <summary>
    /// Steps the first set-aside vectors, as many as the step code takes, exactly through a block (the race
    /// length, or less where one has fewer iterations left; each failed a block no longer than that), in the group's
    /// buffer (free between groups), then stores those that are done and puts the others back into the pool.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepSetAside()
    {
        var count = Math.Min(_aside, _slots);
        ref var group = ref _group.First;
        ref var aside = ref _setAside.First;
        SlotsOf(ref aside, 0, count).CopyTo(SlotsOf(ref group, 0, count));
        SlotsOf(ref group, count, _slots - count).Clear(); // no lane iterates past them
        Span<Place> places = stackalloc Place[count];
        _asidePlaces.AsSpan(0, count).CopyTo(places);
        var length = SimdRows<T>.RaceLength;
        foreach (var place in places)
        {
            length = Math.Min(length, _job.MaxIterations - place.Done);
        }

        // The rest move to the front, where races while these go back into the pool set more aside.
        SlotsOf(ref aside, count, _aside - count).CopyTo(SlotsOf(ref aside, 0, _aside - count));
        _asidePlaces.AsSpan(count, _aside - count).CopyTo(_asidePlaces);
        _aside -= count;
        _step(ref Bytes(ref group), length);
        for (var v = 0; v < count; v++)
        {
            var (row, start, done, raced) = places[v];
            if (done + length < _job.MaxIterations && !TLanes.IsAllZero(Field(ref group, v, VectorCompiler.ActiveField)))
            {
                Enter(v, row, start, done + length, raced);
            }
            else
            {
                SimdRows<T>.Store<TLanes, TVec>(Field(ref group, v, VectorCompiler.CountField), _job.Row(row), start, _job.Width);
                _paths[Path(raced)]++;
            }
        }
    }

    /// <summary>
    /// Steps the slots in <paramref name="toStep"/> exactly through <paramref name="length"/> iterations,
    /// leaving the other <paramref name="occupied"/> ones as they are: those are parked (their z and
    /// iterating lanes kept aside, no lane iterating) while the step code runs every slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepOnly(ref TVec state, int toStep, int occupied, int length)
    {
        var parked = occupied & ~toStep;
        for (var slots = parked; slots != 0; slots &= slots - 1)
        {
            var k = BitOperations.TrailingZeroCount(slots);
            _parked[3 * k] = Field(ref state, k, VectorCompiler.ZxField);
            _parked[3 * k + 1] = Field(ref state, k, VectorCompiler.ZyField);
            _parked[3 * k + 2] = Field(ref state, k, VectorCompiler.ActiveField);
            Field(ref state, k, VectorCompiler.ActiveField) = default;
        }

        _step(ref Bytes(ref state), length);
        for (var slots = parked; slots != 0; slots &= slots - 1)
        {
            var k = BitOperations.TrailingZeroCount(slots);
            Field(ref state, k, VectorCompiler.ZxField) = _parked[3 * k];
            Field(ref state, k, VectorCompiler.ZyField) = _parked[3 * k + 1];
            Field(ref state, k, VectorCompiler.ActiveField) = _parked[3 * k + 2];
        }
    }

    /// <summary>A vector's path from the races it took part in: from z_0, else the final test if any block used it, else the running maximum if any did, else stepped.</summary>
    private static int Path(int raced) =>
        (raced & (1 << VectorCompiler.RacedFromStart)) != 0 ? VectorCompiler.RacedFromStart
        : (raced & (1 << VectorCompiler.RacedFinalTest)) != 0 ? VectorCompiler.RacedFinalTest
        : (raced & (1 << VectorCompiler.RacedRunningMaximum)) != 0 ? VectorCompiler.RacedRunningMaximum
        : 0;

    private static ref TVec Field(ref TVec state, int slot, int field) =>
        ref Unsafe.Add(ref state, slot * VectorCompiler.StateFields + field);

    /// <summary>Copies one slot's state, field by field (a vector's entry: a copy of a few vectors, no call to memmove).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySlot(ref TVec from, int fromSlot, ref TVec to, int toSlot)
    {
        for (var field = 0; field < VectorCompiler.StateFields; field++)
        {
            Field(ref to, toSlot, field) = Field(ref from, fromSlot, field);
        }
    }

    /// <summary>The state of <paramref name="count"/> slots from <paramref name="first"/>, every field.</summary>
    private static Span<TVec> SlotsOf(ref TVec state, int first, int count) =>
        MemoryMarshal.CreateSpan(ref Field(ref state, first, 0), count * VectorCompiler.StateFields);

    /// <summary>Where a set-aside vector's pixels are (row, first pixel), its iterations made and the races it took part in.</summary>
    private readonly record struct Place(int Row, int Start, int Done, int Raced);

    private static ref byte Bytes(ref TVec state) => ref Unsafe.As<TVec, byte>(ref state);
}
