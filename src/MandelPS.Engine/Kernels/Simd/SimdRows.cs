using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The SIMD driver: solves one row at a time, a register of pixels per vector, four vectors stepping in
/// flight so the latency of each add and multiply overlaps with the other vectors' work. Each lane keeps
/// its own "still iterating" mask and integer counter; the loop ends when every lane has escaped.
/// Past the first 32 iterations, where most escapes fall, vectors race blocks of 64 iterations (in the race
/// pool growing to 512 while none fails) without bookkeeping and a block is redone step by step, exactly, when a lane escaped in it. How a race finds an
/// escape is chosen per group by its c (<see cref="EscapeTest"/>): where every iterating lane has
/// |c| &lt;= 1.9 an escape is permanent, so z alone races (7 operations a step, two registers a vector),
/// twelve vectors side by side in the worker's <see cref="RacePool{TLanes, TVec, T}"/> (which spans the
/// rows the worker solves), tested at each block's end; elsewhere the group's four race keeping each
/// lane's largest |z|^2 (9 operations). Inside the set, where the row's previous group kept every lane
/// through the first 32 iterations (for a row's first group, the first group of the row the worker solved
/// before), a group races those too (bare, tested at their end) and steps them only if a lane escaped.
/// The result's CodePath says which paths ran and for what share of the groups.
/// Scalar equivalent (per lane): <see cref="ExpandedKernel.EscapeCount{T}(T, T, int)"/>, bit for bit:
/// the same operations in the same order, no fused multiply-add, the same NaN-false comparison.
/// </summary>
internal sealed class SimdRows<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Four independent registers per loop: each step is a ~4-deep chain of 3-4 cycle operations, so
    // one register alone leaves the FP pipes idle most cycles (measured: 1 -> 2 -> 4 in flight gains
    // 1.5x then 1.25x here; 6 loses to register pressure, as in the C reference). Six stepping with
    // bookkeeping spill on AVX2's 16 registers (measured 2.4 against 2.9 G it/s at 1000 iterations and
    // 1.2 against 2.1 at 256), so counting orbits step four at a time (CountingOrbit: four vectors of
    // state) and z alone races in the pool, twelve at a time (see RacePool).
    private const int VectorsInFlight = 4;

    // Iterations raced between escape checks. Measured here at 1000x1000 (Simd, one alternating run,
    // best of three, G it/s at 1000 and 256 iterations): blocks of 8: 1.8 and 1.9; 32: 2.8 and 2.2;
    // 64: 2.8 and 2.5; 128: 2.6 at 1000. A block's redo, when a lane escaped in it, costs at most one
    // block of stepping.
    internal const int RaceLength = 64;

    // Most pixels outside the set escape within a few iterations: racing those would mostly be redone,
    // so the first iterations are stepped exactly. Measured with the twelve-slot pool (Zen 4, Simd, one
    // thread, double, standard view, G it/s at 1000 and 256 iterations): after 8: 5.1 and 3.3-3.5;
    // 16: 5.3 and 3.3-3.5; 32: 5.2-5.3 and 3.6 (where nothing escapes, 32 costs 1%). With six slots a
    // row, 8 to 64 had been within noise.
    internal const int RaceAfter = 32;

    // A race pool's blocks grow to this many iterations while no lane escapes in them (RacePool): each
    // block's end costs its escape test, its z stored and the loop's exit mispredicted, about 1% of a 64-step
    // block where nothing escapes. 512 against 256 (one thread, alternating, Intel Xeon): where nothing escapes
    // +0.4% (AVX2, single), standard view +1.6% AVX2 and +2.1% AVX-512 (double); 1024 gained another 0.4% where
    // nothing escapes but gave back AVX2's standard-view gain (a failed block's redo is as long as it).
    internal const int LongestRace = 512;

    // A shorter last block is still raced (its redo is short too); under this many iterations it is stepped.
    internal const int ShortestRace = 8;

    // Whole blocks a pool races in one call at most: about 50 microseconds for z^2 + c, so Ctrl+C is seen
    // promptly at any depth.
    internal const int BlocksPerCall = 64;

    /// <summary>
    /// A generated race's next call (<see cref="VectorFormulaRows{TLanes, TVec, T}"/>), given the iterations its slot with
    /// the fewest left has left: whole blocks of <see cref="RaceLength"/> (as many as that slot holds, at most
    /// <see cref="BlocksPerCall"/>), or its shorter last block alone (stepped, not raced, where shorter than
    /// <see cref="ShortestRace"/>). The race pool splits its calls evenly instead (<see cref="EvenRace"/>).
    /// </summary>
    internal static (int Length, int Blocks) NextRace(int remaining)
    {
        var length = Math.Min(RaceLength, remaining);
        return (length, length == RaceLength ? Math.Min(BlocksPerCall, remaining / length) : 1);
    }

    /// <summary>
    /// A race pool's next call, given the iterations its slot with the fewest left has left: blocks of at most
    /// <paramref name="raceLength"/> iterations (about: the first takes what does not divide) that end where
    /// that slot is done, at most <see cref="BlocksPerCall"/> blocks' worth of <see cref="RaceLength"/>. Where
    /// nothing escapes the pool's slots, entered side by side, then race their whole lives in one call (whole
    /// blocks and a shorter last one had taken two).
    /// </summary>
    internal static (int First, int Length, int Blocks) EvenRace(int remaining, int raceLength)
    {
        var iterations = Math.Min(remaining, BlocksPerCall * RaceLength);
        var blocks = (iterations + raceLength - 1) / raceLength;
        var length = iterations / blocks;
        return (iterations - (blocks - 1) * length, length, blocks);
    }

    // Padding lanes hold c = 4 + 0i: |z_1|^2 = 16 > 4, so they escape on the first iteration and never
    // keep a register busy; their counts are never stored.
    private static readonly T PaddingX = T.CreateTruncating(4);

    // The code paths a group of pixels can take, as the result's CodePath names them.
    internal const string SteppedPath = "Stepped";
    internal const string RacedRunningMaximumPath = "RacedRunningMaximum";
    internal const string RacedFinalTestPath = "RacedFinalTest";
    internal const string RacedFromStartPath = "RacedFromStart";

    private readonly KernelJob<T> _job;
    private readonly CacheAligned<T> _paddedX; // read as vectors every step: aligned, so no read straddles two cache lines

    private readonly SimdStep _step;

    // Null: each group picks its race's escape test by its c (see RacingRow). Tests force one; a forced
    // FinalTest is exact only where every c keeps escapes permanent (PermanentEscape).
    private readonly EscapeTest? _forcedRace;

    // Null: the pool's default for this machine (see RacePool). Tests choose, to run both race loops here.
    private readonly int? _poolCapacity;

    // Null: the pool's step form is the faster here (see IRaceStepForm). Tests choose, to run both.
    private readonly bool? _forcedMixed;

    // Null: a group races its first iterations when the row's previous group kept every lane through them
    // (see RacingRow). Tests force it on (every group whose c keep escapes permanent) or off.
    private readonly bool? _forcedFromStart;

    public SimdRows(KernelJob<T> job, SimdStep step = SimdStep.Exact, EscapeTest? forcedRace = null, int? poolCapacity = null, bool? forcedFromStart = null, bool? forcedMixed = null)
    {
        _job = job;
        _step = step;
        _forcedRace = forcedRace;
        _poolCapacity = poolCapacity;
        _forcedFromStart = forcedFromStart;
        _forcedMixed = forcedMixed;
        var widest = Vector512<T>.Count * VectorsInFlight;
        var padded = (job.Width + widest - 1) / widest * widest;
        _paddedX = CacheAligned<T>.CopyOf(job.X, padded, PaddingX);
    }

    /// <summary>
    /// Solves every row of the job on <paramref name="threads"/> workers pulling rows (one: in order, on
    /// this thread). Each worker keeps one race pool across the rows it solves and drains it when no row
    /// is left, so a row's last counts may be stored while the worker is on a later row; all are stored
    /// when this returns.
    /// </summary>
    public void Solve(int threads)
    {
        if (threads == 1)
        {
            var worker = new Worker();
            for (var j = 0; j < _job.Height; j++)
            {
                _job.Cancellation.ThrowIfCancellationRequested();
                SolveRow(j, worker);
            }

            Finish(worker);
            return;
        }

        RowScheduler.Run(_job.Height, threads, () => new Worker(), SolveRow, Finish, _job.Cancellation);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveRow(int j, Worker worker)
    {
        switch (_job.VectorWidth)
        {
            case VectorWidth.Bits512: Row<Lanes512<T>, Vector512<T>>(j, worker); break;
            case VectorWidth.Bits256: Row<Lanes256<T>, Vector256<T>>(j, worker); break;
            case VectorWidth.Bits128: Row<Lanes128<T>, Vector128<T>>(j, worker); break;
            default: throw new UnreachableException($"The plan resolves a SIMD kernel's width; got {_job.VectorWidth}.");
        }
    }

    /// <summary>Drains the worker's race pool, storing the counts still racing, and adds its groups to the job's paths (and the pool's step form, where groups raced in it).</summary>
    private void Finish(Worker worker)
    {
        worker.Pool?.Drain(_job.MaxIterations, _job.Counts, _job.Width, _job.Cancellation);
        CountPaths(_job.Phases, worker.Groups);
        if (worker.Pool is { } pool && worker.Groups[2] + worker.Groups[3] > 0)
        {
            _job.Phases.Note($"{StepFormNote}{pool.StepForm}");
        }
    }

    /// <summary>What the result's CodePath says of the race pool's step form: "race steps: plain" or "race steps: mixed".</summary>
    internal const string StepFormNote = "race steps: ";

    /// <summary>
    /// Adds groups by path to <paramref name="phases"/>: [0] stepped, [1] raced keeping the maximum, [2] raced
    /// with the final test, [3] raced from z_0 (<see cref="Formulas.VectorCompiler"/>'s race results number them the same).
    /// </summary>
    internal static void CountPaths(PhaseLog phases, ReadOnlySpan<long> groups)
    {
        phases.CountPath(SteppedPath, groups[0]);
        phases.CountPath(RacedRunningMaximumPath, groups[1]);
        phases.CountPath(RacedFinalTestPath, groups[2]);
        phases.CountPath(RacedFromStartPath, groups[3]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Row<TLanes, TVec>(int j, Worker worker)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        if (_step != SimdStep.Exact)
        {
            LossyRow<TLanes, TVec>(j);
        }
        else if (_job.MaxIterations >= RaceAfter + ShortestRace)
        {
            RacingRow<TLanes, TVec>(j, (RacePool<TLanes, TVec, T>)(worker.Pool ??= new RacePool<TLanes, TVec, T>(_poolCapacity, _forcedMixed)), worker);
        }
        else
        {
            worker.Groups[0] += SteppingRow<TLanes, TVec>(j);
        }
    }

    /// <summary>
    /// What a worker keeps from row to row: its race pool, made at its first racing row, its groups by
    /// path (stepped, raced keeping the maximum, raced with the final test, raced from z_0), added to the
    /// job's once it is done (a count in the shared log every row was a lock and a line both cores wrote),
    /// and whether its last row's first group kept every lane through the first iterations.
    /// </summary>
    private sealed class Worker
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Holds the pool of whichever width the job runs; read once a row.")]
        public IRacePool? Pool;

        public readonly long[] Groups = new long[4];

        // A row's first group has no neighbour on its left: it takes the prediction of the first group of the row this
        // worker solved last, a row or two above (workers pull rows in order). Stepping it had cost 0.2-0.75% inside the set.
        public bool RowStartKeptEveryLane;
    }

    /// <summary>
    /// One row, every iteration stepped with its bookkeeping (short iteration limits). Kept apart from
    /// <see cref="RacingRow{TLanes, TVec}"/>: in one method the racing code costs this loop registers.
    /// Both are fully optimised from the first call: tiered JIT would otherwise run the first measured
    /// rows as unoptimised tier-0 code, in every host (pwsh included).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SteppingRow<TLanes, TVec>(int j)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var width = _job.Width;
        var output = _job.Row(j);
        var cy = TLanes.Splat(_job.Y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        ref var x = ref _paddedX.First;
        for (var i = 0; i < width; i += lanes * VectorsInFlight)
        {
            _job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
            ref var cx = ref Unsafe.Add(ref x, i);
            var (a, b, c, d) = (CountingOrbit<TLanes, TVec, T>.Start(), CountingOrbit<TLanes, TVec, T>.Start(), CountingOrbit<TLanes, TVec, T>.Start(), CountingOrbit<TLanes, TVec, T>.Start());
            Step<TLanes, TVec>(ref a, ref b, ref c, ref d, ref cx, cy, four, _job.MaxIterations);
            Store<TLanes, TVec>(a.Count, output, i, width);
            Store<TLanes, TVec>(b.Count, output, i + lanes, width);
            Store<TLanes, TVec>(c.Count, output, i + 2 * lanes, width);
            Store<TLanes, TVec>(d.Count, output, i + 3 * lanes, width);
        }

        return (width + lanes * VectorsInFlight - 1) / (lanes * VectorsInFlight); // groups stepped
    }

    /// <summary>
    /// One row, racing blocks of iterations once past the dense early escapes (long iteration limits).
    /// A group whose iterating lanes all have |c| &lt;= 1.9 races bare steps (7 operations, escape tested
    /// at the block's end: escapes there are permanent); any other keeps a running maximum (9).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RacingRow<TLanes, TVec>(int j, RacePool<TLanes, TVec, T> pool, Worker worker)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var groups = worker.Groups;
        var lanes = TLanes.Count;
        var width = _job.Width;
        var output = _job.Row(j);
        var cy = TLanes.Splat(_job.Y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        var permanentRadiusSquared = TLanes.Splat(T.CreateTruncating(PermanentEscape.RadiusSquared));
        ref var x = ref _paddedX.First;
        var maxIterations = _job.MaxIterations;
        var group = lanes * VectorsInFlight;
        var previousKeptEveryLane = worker.RowStartKeptEveryLane;
        for (var i = 0; i < width; i += group)
        {
            _job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
            if (i == group)
            {
                worker.RowStartKeptEveryLane = previousKeptEveryLane; // this row's first group, for the next row's (a one-group row keeps the last)
            }

            ref var cx = ref Unsafe.Add(ref x, i);
            var (a, b, c, d) = (CountingOrbit<TLanes, TVec, T>.Start(), CountingOrbit<TLanes, TVec, T>.Start(), CountingOrbit<TLanes, TVec, T>.Start(), CountingOrbit<TLanes, TVec, T>.Start());
            var n = Math.Min(RaceAfter, maxIterations);

            // A row's last group, where padded (c = 4: those lanes escape at once), would fail a race from z_0 every time.
            if ((_forcedFromStart ?? (previousKeptEveryLane && i + group <= width))
                && RacesWithFinalTest(a, b, c, d, ref cx, cy, permanentRadiusSquared)
                && RaceFromStart<TLanes, TVec>(ref a, ref b, ref c, ref d, ref cx, cy, four, n))
            {
                // Inside the set a group's neighbour lives as long: its first iterations were raced, with no lane escaping.
                groups[3]++;
                EnterGroup(pool, a, b, c, d, j, i, n, ref x, cy, four);
                previousKeptEveryLane = true;
                continue;
            }

            var stepped = Step<TLanes, TVec>(ref a, ref b, ref c, ref d, ref cx, cy, four, n);
            previousKeptEveryLane = stepped && NoLaneEscaped(a, b, c, d);
            if (!stepped)
            {
                groups[0]++;
            }
            else if (RacesWithFinalTest(a, b, c, d, ref cx, cy, permanentRadiusSquared))
            {
                // Escapes are permanent for every iterating lane: the vectors still iterating race in the pool, which stores their counts.
                groups[2]++;
                EnterGroup(pool, a, b, c, d, j, i, n, ref x, cy, four);
                continue;
            }
            else
            {
                groups[1]++;
                while (n < maxIterations)
                {
                    // Race a block keeping each lane's largest |z|^2; if no iterating lane escaped in it, credit the whole block.
                    var length = Math.Min(RaceLength, maxIterations - n);
                    if (length >= ShortestRace && RaceNotingLargest<TLanes, TVec>(ref a, ref b, ref c, ref d, ref cx, cy, four, length))
                    {
                        n += length;
                        continue;
                    }

                    // Some lane escaped in this block (or it is the short tail): redo it step by step,
                    // which finds each lane's exact escape iteration.
                    n += length;
                    if (!Step<TLanes, TVec>(ref a, ref b, ref c, ref d, ref cx, cy, four, length))
                    {
                        break;
                    }
                }
            }

            Store<TLanes, TVec>(a.Count, output, i, width);
            Store<TLanes, TVec>(b.Count, output, i + lanes, width);
            Store<TLanes, TVec>(c.Count, output, i + 2 * lanes, width);
            Store<TLanes, TVec>(d.Count, output, i + 3 * lanes, width);
        }
    }

    /// <summary>
    /// Races four fresh orbits (every lane iterating, every c keeping escapes permanent) from z_0 through
    /// <paramref name="iterations"/> bare steps, four in flight: 7 operations a step where stepping them costs
    /// 11 and a test. If every lane's last z is inside, none escaped on the way: they take it, counted
    /// inside for every iteration, and this returns true. Otherwise they stay at z_0 and it returns false
    /// (the caller steps them): a lane that escapes early costs the group one wasted race.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool RaceFromStart<TLanes, TVec>(
        ref CountingOrbit<TLanes, TVec, T> a, ref CountingOrbit<TLanes, TVec, T> b, ref CountingOrbit<TLanes, TVec, T> c, ref CountingOrbit<TLanes, TVec, T> d,
        ref T cx, TVec cy, TVec four, int iterations)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var (ra, rb, rc, rd) = (a.Z, b.Z, c.Z, d.Z);
        for (var k = 0; k < iterations; k++)
        {
            ra.Step(TLanes.Load(ref cx), cy);
            rb.Step(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy);
            rc.Step(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy);
            rd.Step(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy);
        }

        if (!EveryLane<TLanes, TVec>(ra.Inside(four), rb.Inside(four), rc.Inside(four), rd.Inside(four)))
        {
            return false;
        }

        a.Resume(ra, iterations);
        b.Resume(rb, iterations);
        c.Resume(rc, iterations);
        d.Resume(rd, iterations);
        return true;
    }

    /// <summary>
    /// Whether the four settled orbits race with the final test: where every iterating lane keeps escapes
    /// permanent (|c| &lt;= 1.9, <see cref="PermanentEscape"/>), unless a test forces one race.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RacesWithFinalTest<TLanes, TVec>(
        in CountingOrbit<TLanes, TVec, T> a, in CountingOrbit<TLanes, TVec, T> b, in CountingOrbit<TLanes, TVec, T> c, in CountingOrbit<TLanes, TVec, T> d,
        ref T cx, TVec cy, TVec permanentRadiusSquared)
        where TLanes : ILanes<TVec, T>
        where TVec : struct =>
        _forcedRace == EscapeTest.FinalTest || (_forcedRace is null && AllEscapesPermanent(a, b, c, d, ref cx, cy, permanentRadiusSquared));

    /// <summary>True if every iterating lane of the four has |c| &lt;= 1.9, so its escapes are permanent (<see cref="PermanentEscape"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllEscapesPermanent<TLanes, TVec>(
        in CountingOrbit<TLanes, TVec, T> a, in CountingOrbit<TLanes, TVec, T> b, in CountingOrbit<TLanes, TVec, T> c, in CountingOrbit<TLanes, TVec, T> d,
        ref T cx, TVec cy, TVec permanentRadiusSquared)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        return a.EscapesArePermanent(TLanes.Load(ref cx), cy, permanentRadiusSquared)
            && b.EscapesArePermanent(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy, permanentRadiusSquared)
            && c.EscapesArePermanent(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy, permanentRadiusSquared)
            && d.EscapesArePermanent(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy, permanentRadiusSquared);
    }

    /// <summary>True if every lane of the four still iterates (none escaped, none is padding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NoLaneEscaped<TLanes, TVec>(
        in CountingOrbit<TLanes, TVec, T> a, in CountingOrbit<TLanes, TVec, T> b, in CountingOrbit<TLanes, TVec, T> c, in CountingOrbit<TLanes, TVec, T> d)
        where TLanes : ILanes<TVec, T>
        where TVec : struct => EveryLane<TLanes, TVec>(a.Active, b.Active, c.Active, d.Active);

    /// <summary>True if all four masks are set in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EveryLane<TLanes, TVec>(TVec a, TVec b, TVec c, TVec d)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var all = TLanes.AllBitsSet;
        return TLanes.IsAllZero(TLanes.Or(
            TLanes.Or(TLanes.AndNot(all, a), TLanes.AndNot(all, b)),
            TLanes.Or(TLanes.AndNot(all, c), TLanes.AndNot(all, d))));
    }

    /// <summary>
    /// Steps four settled orbits exactly through <paramref name="iterations"/> iterations and settles them
    /// again; false (early, counts final) once no lane of the four is iterating. A method of its own: its
    /// registers are its own (the four orbits' sixteen vectors and c's from memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static bool Step<TLanes, TVec>(
        ref CountingOrbit<TLanes, TVec, T> a, ref CountingOrbit<TLanes, TVec, T> b, ref CountingOrbit<TLanes, TVec, T> c, ref CountingOrbit<TLanes, TVec, T> d,
        ref T cx, TVec cy, TVec four, int iterations)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var (ra, rb, rc, rd) = (a, b, c, d);
        var iterating = true;
        if (iterations > 0)
        {
            ra.Advance(TLanes.Load(ref cx), cy);
            rb.Advance(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy);
            rc.Advance(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy);
            rd.Advance(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy);
            for (var k = 1; k < iterations; k++)
            {
                ra.TestAndStep(TLanes.Load(ref cx), cy, four);
                rb.TestAndStep(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy, four);
                rc.TestAndStep(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy, four);
                rd.TestAndStep(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy, four);
                if (TLanes.IsAllZero(TLanes.Or(TLanes.Or(ra.Active, rb.Active), TLanes.Or(rc.Active, rd.Active))))
                {
                    iterating = false; // every lane is out: later iterations change nothing it stores
                    break;
                }
            }

            if (iterating)
            {
                ra.Settle(four);
                rb.Settle(four);
                rc.Settle(four);
                rd.Settle(four);
                iterating = !TLanes.IsAllZero(TLanes.Or(TLanes.Or(ra.Active, rb.Active), TLanes.Or(rc.Active, rd.Active)));
            }
        }

        (a, b, c, d) = (ra, rb, rc, rd);
        return iterating;
    }

    /// <summary>The four orbits of the group at (<paramref name="row"/>, <paramref name="start"/>) into the race pool (see <see cref="Enter"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnterGroup<TLanes, TVec>(RacePool<TLanes, TVec, T> pool,
        in CountingOrbit<TLanes, TVec, T> a, in CountingOrbit<TLanes, TVec, T> b, in CountingOrbit<TLanes, TVec, T> c, in CountingOrbit<TLanes, TVec, T> d,
        int row, int start, int done, ref T x, TVec cy, TVec four)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var (maxIterations, counts, width, cancellation) = (_job.MaxIterations, _job.Counts, _job.Width, _job.Cancellation);
        Enter(pool, a, row, start, done, maxIterations, ref x, cy, four, counts, width, cancellation);
        Enter(pool, b, row, start + lanes, done, maxIterations, ref x, cy, four, counts, width, cancellation);
        Enter(pool, c, row, start + 2 * lanes, done, maxIterations, ref x, cy, four, counts, width, cancellation);
        Enter(pool, d, row, start + 3 * lanes, done, maxIterations, ref x, cy, four, counts, width, cancellation);
    }

    /// <summary>
    /// Puts a settled orbit that still iterates into the race pool (racing the pool while it is full);
    /// one with no iterating lane is done, and its counts are stored at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Enter<TLanes, TVec>(RacePool<TLanes, TVec, T> pool, in CountingOrbit<TLanes, TVec, T> orbit, int row, int start, int done,
        int maxIterations, ref T x, TVec cy, TVec four, Span<int> counts, int width, CancellationToken cancellation)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        if (TLanes.IsAllZero(orbit.Active))
        {
            Store<TLanes, TVec>(orbit.Count, counts.Slice(row * width, width), start, width);
            return;
        }

        var cx = TLanes.Load(ref Unsafe.Add(ref x, start));
        pool.Add(orbit, cx, cy, row, start, done);
        while (pool.IsFull)
        {
            cancellation.ThrowIfCancellationRequested();
            pool.Race(four, maxIterations, counts, width);
        }
    }

    /// <summary>
    /// Races four settled orbits through a block of <paramref name="length"/> iterations without per-lane
    /// bookkeeping, keeping each lane's largest |z|^2 (9 operations a step). Credits the block and returns
    /// true if no iterating lane escaped in it; otherwise leaves them at the block's start and returns
    /// false, for the caller to step it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RaceNotingLargest<TLanes, TVec>(
        ref CountingOrbit<TLanes, TVec, T> a, ref CountingOrbit<TLanes, TVec, T> b, ref CountingOrbit<TLanes, TVec, T> c, ref CountingOrbit<TLanes, TVec, T> d,
        ref T cx, TVec cy, TVec four, int length)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var (ra, rb, rc, rd) = (a.Z, b.Z, c.Z, d.Z);
        var (outA, outB, outC, outD) = StepBareNotingLargest<TLanes, TVec>(ref ra, ref rb, ref rc, ref rd, ref cx, cy, length);

        // An iterating lane whose largest |z|^2 is not <= 4 escaped somewhere in the block.
        var escaped = TLanes.Or(
            TLanes.Or(TLanes.AndNot(a.Active, TLanes.LessThanOrEqual(outA, four)), TLanes.AndNot(b.Active, TLanes.LessThanOrEqual(outB, four))),
            TLanes.Or(TLanes.AndNot(c.Active, TLanes.LessThanOrEqual(outC, four)), TLanes.AndNot(d.Active, TLanes.LessThanOrEqual(outD, four))));
        if (!TLanes.IsAllZero(escaped))
        {
            return false;
        }

        a.Resume(ra, length);
        b.Resume(rb, length);
        c.Resume(rc, length);
        d.Resume(rd, length);
        return true;
    }

    /// <summary>The same keeping each lane's largest |z|^2 over the block, its last z included; returns those maxima.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static (TVec A, TVec B, TVec C, TVec D) StepBareNotingLargest<TLanes, TVec>(
        ref BareOrbit<TLanes, TVec, T> a, ref BareOrbit<TLanes, TVec, T> b, ref BareOrbit<TLanes, TVec, T> c, ref BareOrbit<TLanes, TVec, T> d,
        ref T cx, TVec cy, int length)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var (ra, rb, rc, rd) = (a, b, c, d);
        TVec la = default, lb = default, lc = default, ld = default;
        for (var k = 0; k < length; k++)
        {
            ra.StepNotingLargest(TLanes.Load(ref cx), cy, ref la);
            rb.StepNotingLargest(TLanes.Load(ref Unsafe.Add(ref cx, lanes)), cy, ref lb);
            rc.StepNotingLargest(TLanes.Load(ref Unsafe.Add(ref cx, 2 * lanes)), cy, ref lc);
            rd.StepNotingLargest(TLanes.Load(ref Unsafe.Add(ref cx, 3 * lanes)), cy, ref ld);
        }

        (a, b, c, d) = (ra, rb, rc, rd);
        return (TLanes.MaxKeepingB(ra.Magnitude(), la), TLanes.MaxKeepingB(rb.Magnitude(), lb), TLanes.MaxKeepingB(rc.Magnitude(), lc), TLanes.MaxKeepingB(rd.Magnitude(), ld));
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
        ref var x = ref _paddedX.First;
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
    internal static void Store<TLanes, TVec>(TVec count, Span<int> output, int start, int width)
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
