using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The final-test race of one worker, twelve vectors at a time. A vector that still iterates after the
/// stepped iterations, in a group whose lanes all keep escapes permanent (|c| &lt;= 1.9), takes a slot;
/// the twelve slots race blocks of bare steps side by side (24 registers of z; each slot's c is kept
/// beside it and read from memory, except that a full pool whose slots are all on one row, as most are,
/// holds their one cy in a register: half the reads, +3-4% on AVX2's 16 registers, where each read sat
/// on the step's critical path, no change with AVX-512's 32). Every slot steps in the reference's form, or every
/// second one in the multiply-heavy form (<see cref="BareOrbit{TLanes, TVec, T}.StepBalancedAt"/>), so separate
/// multiply and add pipes share the work: whichever this machine races faster, timed once per process for each
/// pool size (<see cref="IRaceStepForm"/>). Each slot keeps
/// its own iteration count, so a finished slot is refilled at once by the next survivor, from whichever
/// row the worker is on: the pool drains once per worker, not at every row's end, where a row's last
/// few vectors would race alone in twelve slots. The lanes that escaped during a block leave their slot,
/// whose other lanes take the block's raced end and race on, and wait, with z at the block's start, for an
/// exact redo four such vectors at a time (each with its own c), which counts them (<see cref="Defer"/>).
/// Counts are stored as slots retire.
/// </summary>
internal sealed class RacePool<TLanes, TVec, T> : IRacePool
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Size = 12;

    // Blocks a timed pass of the step forms races: 16 of the longest, 40-120 microseconds (all passes 1-2 ms).
    private const int TimedBlocks = 16;

    // Whether each pool size races faster in the mixed form here, timed on its first use in the process.
    private static readonly Lazy<bool> TwelveRaceMixed = new(() => RaceStepForms.MixedIsFaster(TimedRace<TwelveInFlight>));
    private static readonly Lazy<bool> SixRaceMixed = new(() => RaceStepForms.MixedIsFaster(TimedRace<SixInFlight>));

    /// <param name="capacity">Slots in use, <see cref="Size"/> or half of it (tests run both loops on any machine).</param>
    /// <param name="mixed">The step form (<see cref="IRaceStepForm"/>); null: the faster here. Tests run both.</param>
    public RacePool(int? capacity = null, bool? mixed = null)
    {
        Capacity = capacity ?? OrbitsInFlight.Default;
        if (Capacity is not (Size or Size / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"A race pool has {Size} or {Size / 2} slots.");
        }

        Mixed = mixed ?? (Capacity == Size ? TwelveRaceMixed : SixRaceMixed).Value;
    }

    /// <summary>Slots in use: <see cref="Size"/> or half of it (as many orbits as this machine's registers hold: <see cref="OrbitsInFlight"/>).</summary>
    public int Capacity { get; }

    /// <summary>Whether every second slot steps in the multiply-heavy form (<see cref="IRaceStepForm"/>).</summary>
    public bool Mixed { get; }

    public string StepForm => RaceStepForms.Name(Mixed);

    // Raced in place: z never leaves its slot between a slot's entry and its retirement. (Copying it out
    // and back each race cost more than the race's own bookkeeping: a zmm load of a value just stored
    // waits for the store.) An empty slot has no iterating lane, so its z races for nothing.
    // The vectors, in cache lines of their own (CacheAligned): c is read every step (a read straddling two
    // lines costs a split load each time), and z at each block's start is stored by this worker while the
    // other workers' pools store theirs (a line shared with one of them would bounce between the cores).
    private readonly CacheAligned<Vectors> _vectors = new();
    private Slots<int> _row;
    private Slots<int> _start; // the slot's first pixel in its row
    private Slots<int> _done;  // iterations the slot's iterating lanes have made
    private Slots<int> _vector; // which vector the slot holds (the pool's running number), for a deferred redo to find it
    private int _entered;

    // Escaped lanes awaiting their redo, the newest last (see Defer): at most three left from earlier races and
    // one vector a slot from this one.
    private Backlog<Owner> _owners;
    private int _deferred;

    // The occupied slots, a bit each. A slot keeps its place from entry to retirement (moving an orbit
    // would load a z the race has just stored); a new orbit takes the lowest free one.
    private int _occupied;

    // Iterations a block races at most: the driver's race length, doubled after each call whose blocks all passed, up
    // to the longest race, and the race length again after a block in which a lane escaped (whose redo is up to
    // as long as the block). Where nothing escapes: +0.4-1.0% one thread, no change in the standard view.
    private int _raceLength = SimdRows<T>.RaceLength;

    private ref Slots<CountingOrbit<TLanes, TVec, T>> Orbits => ref _vectors.First.Orbits;

    private ref Slots<BareOrbit<TLanes, TVec, T>> BlockStart => ref _vectors.First.BlockStart;

    private ref Backlog<CountingOrbit<TLanes, TVec, T>> Deferred => ref _vectors.First.Deferred;

    private ref Backlog<TVec> DeferredCx => ref _vectors.First.DeferredCx;

    private ref Backlog<TVec> DeferredCy => ref _vectors.First.DeferredCy;

    private ref Slots<TVec> Cx => ref _vectors.First.Cx;

    private ref Slots<TVec> Cy => ref _vectors.First.Cy;

    /// <summary>Occupied slots.</summary>
    public int Count => BitOperations.PopCount((uint)_occupied);

    public bool IsFull => Count == Capacity;

    /// <summary>
    /// Takes a settled orbit of pixels from (<paramref name="row"/>, <paramref name="start"/>), with c =
    /// (<paramref name="cx"/>, <paramref name="cy"/>), that has made <paramref name="done"/> iterations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in CountingOrbit<TLanes, TVec, T> orbit, TVec cx, TVec cy, int row, int start, int done)
    {
        var k = BitOperations.TrailingZeroCount(~_occupied);
        _occupied |= 1 << k;
        Orbits[k] = orbit;
        Cx[k] = cx;
        Cy[k] = cy;
        _row[k] = row;
        _start[k] = start;
        _done[k] = done;
        _vector[k] = ++_entered;
    }

    /// <summary>
    /// Races blocks of about the pool's block length while no slot has a lane that escaped, ending where the slot
    /// with the fewest iterations left is done (<see cref="SimdRows{T}.EvenRace"/>; stepped where fewer than the
    /// shortest race are left), defers the lanes that escaped in the last block to their exact redo (run once
    /// four vectors' lanes wait), and retires the slots that are done, storing their counts in
    /// <paramref name="counts"/> (the whole image).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Race(TVec four, int maxIterations, Span<int> counts, int width)
    {
        var remaining = int.MaxValue;
        for (var slots = _occupied; slots != 0; slots &= slots - 1)
        {
            remaining = Math.Min(remaining, maxIterations - _done[BitOperations.TrailingZeroCount(slots)]);
        }

        var (first, length, blocks) = SimdRows<T>.EvenRace(remaining, _raceLength);
        if (first < SimdRows<T>.ShortestRace)
        {
            StepInFours(_occupied, four, first); // a short last block is stepped
        }
        else
        {
            var (passed, escapedSlots) = Mixed ? RaceIn<MixedSteps>(four, first, length, blocks) : RaceIn<PlainSteps>(four, first, length, blocks);
            var failed = escapedSlots & _occupied;
            var before = passed == 0 ? 0 : first + (passed - 1) * length; // the blocks that passed
            var failedLength = passed == 0 ? first : length;
            if (failed != 0)
            {
                _raceLength = SimdRows<T>.RaceLength;
            }
            else if (passed == blocks && before >= _raceLength)
            {
                _raceLength = Math.Min(2 * _raceLength, SimdRows<T>.LongestRace);
            }

            // Every lane still iterating was inside at the last block's end: escapes here are permanent, so it was
            // inside all through the block and takes its raced end.
            var credited = passed == blocks ? before : before + failedLength;
            for (var slots = _occupied; slots != 0; slots &= slots - 1)
            {
                var k = BitOperations.TrailingZeroCount(slots);
                if ((failed & (1 << k)) != 0)
                {
                    Defer(k, four, before, failedLength);
                }

                Orbits[k].Credit(credited);
                _done[k] += credited;
            }

            while (_deferred >= Quad<int>.Length)
            {
                RedoDeferred(four, counts, width);
            }
        }

        for (var slots = _occupied; slots != 0; slots &= slots - 1)
        {
            var k = BitOperations.TrailingZeroCount(slots);
            if (_done[k] == maxIterations || TLanes.IsAllZero(Orbits[k].Active))
            {
                SimdRows<T>.Store<TLanes, TVec>(Orbits[k].Count, counts.Slice(_row[k] * width, width), _start[k], width);

                // The emptied slot keeps its z and the c it belongs with (no subnormal work), and no lane
                // iterates there, so its races test nothing.
                _occupied &= ~(1 << k);
                Orbits[k].Active = default;
            }
        }
    }

    // This and every method a race call runs are fully optimized from their first call, as Race is: a kernel measured
    // after another in one process, where tiering had run long, ran their tier-0 copies for a whole measurement
    // (ParallelSimd after FormulaVectorized or Expanded: 6-7.5 G it/s against 8.4-10.2 alone, one thread, Zen 5).
    /// <summary>The race loop for this pool's size and step form, and for whether its slots share a row (see <see cref="RaceBlocks"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Passed, int EscapedSlots) RaceIn<TForm>(TVec four, int first, int length, int blocks)
        where TForm : struct, IRaceStepForm => (Capacity == Size, IsFull && OnOneRow()) switch
        {
            (true, true) => RaceBlocks<TwelveInFlight, OneRow, TForm>(ref Orbits, ref BlockStart, ref Cx, ref Cy, four, first, length, blocks),
            (true, false) => RaceBlocks<TwelveInFlight, AnyRows, TForm>(ref Orbits, ref BlockStart, ref Cx, ref Cy, four, first, length, blocks),
            (false, true) => RaceBlocks<SixInFlight, OneRow, TForm>(ref Orbits, ref BlockStart, ref Cx, ref Cy, four, first, length, blocks),
            (false, false) => RaceBlocks<SixInFlight, AnyRows, TForm>(ref Orbits, ref BlockStart, ref Cx, ref Cy, four, first, length, blocks),
        };

    /// <summary>
    /// One timed race (<see cref="Stopwatch"/> ticks) of a full pool on one row, in the mixed form or the plain, its c
    /// inside the set (-0.1 + 0.1i: no lane escapes, z settles, no subnormal work): what a race where nothing
    /// escapes costs.
    /// </summary>
    private static long TimedRace<TSlots>(bool mixed)
        where TSlots : struct, IOrbitsInFlight
    {
        var vectors = new CacheAligned<Vectors>();
        ref var pool = ref vectors.First;
        for (var k = 0; k < Size; k++)
        {
            pool.Orbits[k].Active = TLanes.AllBitsSet;
            pool.Cx[k] = TLanes.Splat(T.CreateTruncating(-0.1));
            pool.Cy[k] = TLanes.Splat(T.CreateTruncating(0.1));
        }

        var four = TLanes.Splat(T.CreateTruncating(4));
        var start = Stopwatch.GetTimestamp();
        _ = mixed
            ? RaceBlocks<TSlots, OneRow, MixedSteps>(ref pool.Orbits, ref pool.BlockStart, ref pool.Cx, ref pool.Cy, four, SimdRows<T>.LongestRace, SimdRows<T>.LongestRace, TimedBlocks)
            : RaceBlocks<TSlots, OneRow, PlainSteps>(ref pool.Orbits, ref pool.BlockStart, ref pool.Cx, ref pool.Cy, four, SimdRows<T>.LongestRace, SimdRows<T>.LongestRace, TimedBlocks);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>Whether every occupied slot is on one row, so shares one cy (asked of a full pool only: an empty slot keeps its own c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool OnOneRow()
    {
        var row = _row[BitOperations.TrailingZeroCount(_occupied)];
        for (var slots = _occupied; slots != 0; slots &= slots - 1)
        {
            if (_row[BitOperations.TrailingZeroCount(slots)] != row)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Races until every slot has retired (a worker's last rows), checking for Ctrl+C between races, and redoes the lanes still deferred.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Drain(int maxIterations, Span<int> counts, int width, CancellationToken cancellation)
    {
        var four = TLanes.Splat(T.CreateTruncating(4));
        while (Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            Race(four, maxIterations, counts, width);
        }

        while (_deferred > 0)
        {
            RedoDeferred(four, counts, width);
        }
    }

    /// <summary>
    /// Takes slot <paramref name="k"/>'s lanes that were outside at the end of a raced block of
    /// <paramref name="length"/> iterations, after <paramref name="before"/> that passed, out of it: they wait with
    /// z at the block's start and their counts there for <see cref="RedoDeferred"/>, which finds where each escaped.
    /// Redone at once, the one or two slots of a failed block were stepped alone, waiting on each step's latency
    /// (in the standard view a redo step for every six raced); waiting, four vectors' lanes are redone together,
    /// each with its own c (one thread, the standard view: +5% AVX-512, +4% AVX2-only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Defer(int k, TVec four, int before, int length)
    {
        ref var slot = ref Orbits[k];
        var escaped = Outside(slot.Z, slot.Active, four);
        var d = _deferred++;
        Deferred[d] = new CountingOrbit<TLanes, TVec, T> { Z = BlockStart[k], Active = escaped, Count = TLanes.AddWhere(slot.Count, escaped, before) };
        DeferredCx[d] = Cx[k];
        DeferredCy[d] = Cy[k];
        _owners[d] = new Owner(k, _vector[k], _row[k], _start[k], length);
        slot.Active = TLanes.AndNot(slot.Active, escaped);
    }

    /// <summary>
    /// Redoes the newest four deferred vectors (or as many as wait), exactly, until each lane has been seen
    /// escaping, and gives each its counts: to its slot if the vector is still there, else (it retired,
    /// its other lanes stored) straight to <paramref name="counts"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RedoDeferred(TVec four, Span<int> counts, int width)
    {
        var taken = Math.Min(_deferred, Quad<int>.Length);
        var first = _deferred - taken;
        Quad<CountingOrbit<TLanes, TVec, T>> orbits = default; // places past the taken: no lane iterates
        Quad<TVec> lanes = default;
        var longest = 0;
        for (var s = 0; s < taken; s++)
        {
            orbits[s] = Deferred[first + s];
            lanes[s] = orbits[s].Active;
            longest = Math.Max(longest, _owners[first + s].Length);
        }

        // Fewer than four wait only in a drain, from the first: the places past them read some c, race for nothing.
        StepUntilEscaped(ref orbits, ref Unsafe.As<TVec, T>(ref DeferredCx[first]), ref Unsafe.As<TVec, Quad<TVec>>(ref DeferredCy[first]), four, longest);
        for (var s = 0; s < taken; s++)
        {
            var owner = _owners[first + s];
            if ((_occupied & (1 << owner.Slot)) != 0 && _vector[owner.Slot] == owner.Vector)
            {
                Orbits[owner.Slot].Count = TLanes.Select(lanes[s], orbits[s].Count, Orbits[owner.Slot].Count);
            }
            else
            {
                StoreLanes(orbits[s].Count, lanes[s], counts.Slice(owner.Row * width, width), owner.Start);
            }
        }

        _deferred = first;
    }

    /// <summary>Stores the counts of the lanes in <paramref name="lanes"/> to <paramref name="row"/> from <paramref name="start"/>, the others left as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StoreLanes(TVec count, TVec lanes, Span<int> row, int start)
    {
        Span<int> all = stackalloc int[TLanes.Count];
        TLanes.StoreCounts(count, all);
        for (var bits = TLanes.MaskBits(lanes); bits != 0; bits &= bits - 1)
        {
            var lane = BitOperations.TrailingZeroCount(bits);
            row[start + lane] = all[lane]; // a padding lane never iterates in the pool
        }
    }

    /// <summary>
    /// Steps four settled orbits, each with its own c (<paramref name="cx"/> and <paramref name="cy"/> the first
    /// of four side by side), exactly as <see cref="SimdRows{T}.Step"/> does, until no lane iterates: every lane
    /// of a deferred vector was outside at the end of a block at most <paramref name="longest"/> long, and its
    /// c keeps escapes permanent, so its first z outside lies in the block, and it is finite (|z|^2 &gt; 4, not NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StepUntilEscaped(ref Quad<CountingOrbit<TLanes, TVec, T>> orbits, ref T cx, ref Quad<TVec> cy, TVec four, int longest)
    {
        // c is read where it is added, as the race loop reads it: in registers, AVX2's sixteen would spill z.
        var lanes = TLanes.Count;
        var (a, b, c, d) = (orbits[0], orbits[1], orbits[2], orbits[3]);
        a.Advance(TLanes.Load(ref cx), cy[0]);
        b.Advance(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy[1]);
        c.Advance(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy[2]);
        d.Advance(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy[3]);
        for (var tested = 1; tested <= longest; tested++)
        {
            // Tests z_tested, then steps (the last step's z is not kept).
            a.TestAndStep(TLanes.Load(ref cx), cy[0], four);
            b.TestAndStep(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy[1], four);
            c.TestAndStep(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy[2], four);
            d.TestAndStep(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy[3], four);
            if (TLanes.IsAllZero(TLanes.Or(TLanes.Or(a.Active, b.Active), TLanes.Or(c.Active, d.Active))))
            {
                (orbits[0], orbits[1], orbits[2], orbits[3]) = (a, b, c, d);
                return;
            }
        }

        throw new UnreachableException("A deferred lane did not escape in its block: the pool's escapes were not permanent.");
    }

    /// <summary>
    /// Steps the slots (a bit each) exactly through a short last block of <paramref name="length"/> iterations,
    /// four that share a row at a time (<see cref="SimdRows{T}.Step"/> takes one cy), their cx side by side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepInFours(int slots, TVec four, int length)
    {
        Span<int> group = stackalloc int[Quad<int>.Length];
        while (slots != 0)
        {
            var row = _row[BitOperations.TrailingZeroCount(slots)];
            var taken = 0;
            for (var rest = slots; rest != 0 && taken < group.Length; rest &= rest - 1)
            {
                var slot = BitOperations.TrailingZeroCount(rest);
                if (_row[slot] == row)
                {
                    group[taken++] = slot;
                    slots &= ~(1 << slot);
                }
            }

            StepFour(group[..taken], four, length);
        }
    }

    /// <summary>Steps up to four slots of one row exactly through a block, their c gathered side by side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepFour(ReadOnlySpan<int> slots, TVec four, int length)
    {
        var lanes = TLanes.Count;
        Span<T> cx = stackalloc T[4 * Vector512<T>.Count];
        for (var s = 0; s < slots.Length; s++)
        {
            MemoryMarshal.Cast<TVec, T>(MemoryMarshal.CreateReadOnlySpan(ref Cx[slots[s]], 1)).CopyTo(cx.Slice(s * lanes, lanes));
        }

        // Places past the slots hold orbits with no iterating lane: stepped for nothing, never kept.
        var (a, b, c, d) = (Taken(slots, 0), Taken(slots, 1), Taken(slots, 2), Taken(slots, 3));
        SimdRows<T>.Step<TLanes, TVec>(ref a, ref b, ref c, ref d, ref MemoryMarshal.GetReference(cx), Cy[slots[0]], four, length);
        Return(slots, 0, a, length);
        Return(slots, 1, b, length);
        Return(slots, 2, c, length);
        Return(slots, 3, d, length);
    }

    private CountingOrbit<TLanes, TVec, T> Taken(ReadOnlySpan<int> slots, int s) => s < slots.Length ? Orbits[slots[s]] : default;

    private void Return(ReadOnlySpan<int> slots, int s, in CountingOrbit<TLanes, TVec, T> orbit, int length)
    {
        if (s < slots.Length)
        {
            Orbits[slots[s]] = orbit;
            _done[slots[s]] += length;
        }
    }

    /// <summary>
    /// Races the z of the pool's slots (twelve, or six where <typeparamref name="TSlots"/> says so) in place
    /// through up to <paramref name="blocks"/> blocks of bare steps (the first <paramref name="first"/> long, the others
    /// <paramref name="length"/>), each slot with
    /// its own c (read from memory, as operands of the additions; cy once, kept in a register, where
    /// <typeparamref name="TRows"/> says every slot is on one row), every other one in the multiply-heavy form
    /// where <typeparamref name="TForm"/> is mixed.
    /// Each block's end tests every iterating lane; the first block in which one escaped ends the
    /// race. Returns the blocks that passed and, after a failed block, a bit for each slot that had a lane
    /// escape in it (its z is the block's end, <paramref name="blockStarts"/> its start). A method of its
    /// own so that z stays in registers from block to block (24 of them, or 12).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static (int Passed, int EscapedSlots) RaceBlocks<TSlots, TRows, TForm>(ref Slots<CountingOrbit<TLanes, TVec, T>> orbits, ref Slots<BareOrbit<TLanes, TVec, T>> blockStarts,
        ref Slots<TVec> cx, ref Slots<TVec> cy, TVec four, int first, int length, int blocks)
        where TSlots : struct, IOrbitsInFlight
        where TRows : struct, IRowsRaced
        where TForm : struct, IRaceStepForm
    {
        var rowCy = cy[0]; // every slot's cy where TRows says the slots share a row

        // Each slot's cx at a constant offset from the first, which the JIT folds into its addition's operand (cx[k]
        // took a lea a slot, on the ports the steps use: +0.7% double, +1.4% single, AVX2, nothing escaping).
        ref var cx0 = ref cx[0];
        var two = TLanes.Splat(T.CreateTruncating(2));
        var (a, b, c, d, e, f) = (orbits[0].Z, orbits[1].Z, orbits[2].Z, orbits[3].Z, orbits[4].Z, orbits[5].Z);
        BareOrbit<TLanes, TVec, T> g = default, h = default, i = default, j = default, k = default, l = default;
        if (TSlots.Twelve)
        {
            (g, h, i, j, k, l) = (orbits[6].Z, orbits[7].Z, orbits[8].Z, orbits[9].Z, orbits[10].Z, orbits[11].Z);
        }

        var passed = 0;
        var escapedSlots = 0;
        for (var steps = first; passed < blocks; passed++, steps = length)
        {
            (blockStarts[0], blockStarts[1], blockStarts[2], blockStarts[3], blockStarts[4], blockStarts[5]) = (a, b, c, d, e, f);
            if (TSlots.Twelve)
            {
                (blockStarts[6], blockStarts[7], blockStarts[8], blockStarts[9], blockStarts[10], blockStarts[11]) = (g, h, i, j, k, l);
            }

            for (var n = 0; n < steps; n++)
            {
                a.StepAt(in cx0, in CyOf<TRows>(ref cy, 0, in rowCy));
                TForm.StepSecond(ref b, in Unsafe.Add(ref cx0, 1), in CyOf<TRows>(ref cy, 1, in rowCy), two);
                c.StepAt(in Unsafe.Add(ref cx0, 2), in CyOf<TRows>(ref cy, 2, in rowCy));
                TForm.StepSecond(ref d, in Unsafe.Add(ref cx0, 3), in CyOf<TRows>(ref cy, 3, in rowCy), two);
                e.StepAt(in Unsafe.Add(ref cx0, 4), in CyOf<TRows>(ref cy, 4, in rowCy));
                TForm.StepSecond(ref f, in Unsafe.Add(ref cx0, 5), in CyOf<TRows>(ref cy, 5, in rowCy), two);
                if (TSlots.Twelve)
                {
                    g.StepAt(in Unsafe.Add(ref cx0, 6), in CyOf<TRows>(ref cy, 6, in rowCy));
                    TForm.StepSecond(ref h, in Unsafe.Add(ref cx0, 7), in CyOf<TRows>(ref cy, 7, in rowCy), two);
                    i.StepAt(in Unsafe.Add(ref cx0, 8), in CyOf<TRows>(ref cy, 8, in rowCy));
                    TForm.StepSecond(ref j, in Unsafe.Add(ref cx0, 9), in CyOf<TRows>(ref cy, 9, in rowCy), two);
                    k.StepAt(in Unsafe.Add(ref cx0, 10), in CyOf<TRows>(ref cy, 10, in rowCy));
                    TForm.StepSecond(ref l, in Unsafe.Add(ref cx0, 11), in CyOf<TRows>(ref cy, 11, in rowCy), two);
                }
            }

            var escaped = TLanes.Or(
                TLanes.Or(Outside(a, orbits[0].Active, four), Outside(b, orbits[1].Active, four)),
                TLanes.Or(TLanes.Or(Outside(c, orbits[2].Active, four), Outside(d, orbits[3].Active, four)), TLanes.Or(Outside(e, orbits[4].Active, four), Outside(f, orbits[5].Active, four))));
            if (TSlots.Twelve)
            {
                escaped = TLanes.Or(escaped, TLanes.Or(
                    TLanes.Or(Outside(g, orbits[6].Active, four), Outside(h, orbits[7].Active, four)),
                    TLanes.Or(TLanes.Or(Outside(i, orbits[8].Active, four), Outside(j, orbits[9].Active, four)), TLanes.Or(Outside(k, orbits[10].Active, four), Outside(l, orbits[11].Active, four)))));
            }

            if (!TLanes.IsAllZero(escaped))
            {
                escapedSlots = Escaped(a, orbits[0].Active, four, 0) | Escaped(b, orbits[1].Active, four, 1) | Escaped(c, orbits[2].Active, four, 2)
                    | Escaped(d, orbits[3].Active, four, 3) | Escaped(e, orbits[4].Active, four, 4) | Escaped(f, orbits[5].Active, four, 5);
                if (TSlots.Twelve)
                {
                    escapedSlots |= Escaped(g, orbits[6].Active, four, 6) | Escaped(h, orbits[7].Active, four, 7) | Escaped(i, orbits[8].Active, four, 8)
                        | Escaped(j, orbits[9].Active, four, 9) | Escaped(k, orbits[10].Active, four, 10) | Escaped(l, orbits[11].Active, four, 11);
                }

                break;
            }
        }

        (orbits[0].Z, orbits[1].Z, orbits[2].Z, orbits[3].Z, orbits[4].Z, orbits[5].Z) = (a, b, c, d, e, f);
        if (TSlots.Twelve)
        {
            (orbits[6].Z, orbits[7].Z, orbits[8].Z, orbits[9].Z, orbits[10].Z, orbits[11].Z) = (g, h, i, j, k, l);
        }

        return (passed, escapedSlots);
    }

    /// <summary>Slot <paramref name="slot"/>'s cy: its own, or the row's all slots share (held in a register, not read a step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly TVec CyOf<TRows>(ref Slots<TVec> cy, int slot, ref readonly TVec rowCy)
        where TRows : struct, IRowsRaced => ref TRows.One ? ref rowCy : ref cy[slot];

    /// <summary>Slot <paramref name="slot"/>'s bit if one of its iterating lanes is outside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Escaped(in BareOrbit<TLanes, TVec, T> orbit, TVec iterating, TVec four, int slot) =>
        TLanes.IsAllZero(Outside(orbit, iterating, four)) ? 0 : 1 << slot;

    /// <summary>The iterating lanes whose |z|^2 is not &lt;= 4 (a NaN is outside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Outside(in BareOrbit<TLanes, TVec, T> orbit, TVec iterating, TVec four) => TLanes.AndNot(iterating, orbit.Inside(four));

    /// <summary>Whether a race's slots are all on one row: they then share one cy, which the race keeps in a register.</summary>
    private interface IRowsRaced
    {
        static abstract bool One { get; }
    }

    private readonly struct OneRow : IRowsRaced
    {
        public static bool One => true;
    }

    private readonly struct AnyRows : IRowsRaced
    {
        public static bool One => false;
    }

    /// <summary>Four of a kind (a redo's orbits), indexable.</summary>
    [InlineArray(Length)]
    private struct Quad<TItem>
    {
        public const int Length = 4;

        private TItem _first;
    }

    /// <summary>The slot, vector, pixels and block length of a deferred vector.</summary>
    private readonly record struct Owner(int Slot, int Vector, int Row, int Start, int Length);

    /// <summary>Deferred vectors in one block of memory, indexable: one a slot from a race, and the three an earlier one left waiting.</summary>
    [InlineArray(Size + Quad<int>.Length - 1)]
    private struct Backlog<TItem>
    {
        private TItem _first;
    }

    /// <summary>The pool's vectors, one slot of each per orbit.</summary>
    private struct Vectors
    {
        public Slots<CountingOrbit<TLanes, TVec, T>> Orbits;
        public Slots<BareOrbit<TLanes, TVec, T>> BlockStart; // z at the start of the last block raced
        public Slots<TVec> Cx;
        public Slots<TVec> Cy;
        public Backlog<CountingOrbit<TLanes, TVec, T>> Deferred; // escaped lanes (iterating) at their block's start, for their redo
        public Backlog<TVec> DeferredCx;
        public Backlog<TVec> DeferredCy;
    }

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
    /// <summary>The step form it races in, as the result's CodePath names it (<see cref="RaceStepForms.Name"/>).</summary>
    string StepForm { get; }

    void Drain(int maxIterations, Span<int> counts, int width, CancellationToken cancellation);
}
