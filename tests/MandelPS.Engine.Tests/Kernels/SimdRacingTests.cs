using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The SIMD driver races blocks of 64 iterations (in the pool growing to 512 while none fails) without
/// bookkeeping once past iteration 32 (a shorter last block of 8 or more too) and redoes a block step by
/// step when a lane escaped in it; where a group's c keep escapes permanent its vectors race z alone,
/// twelve at a time in the worker's pool (which spans rows; a slot is redone with other failed slots, four
/// at a time, of any row), else the group's four keep the running maximum. These cases put escapes on
/// and around every block boundary, limits on both sides of the racing threshold and of a whole number of
/// blocks, in both precisions, by the path the driver picks and by each path forced.
/// </summary>
public sealed class SimdRacingTests
{
    // The pool's loops: twelve slots (32 vector registers) and six (16), each in both step forms (plain, and every
    // second slot multiply-heavy), whichever this machine uses.
    private static readonly PoolLoop[] PoolLoops =
    [
        .. from slots in new[] { RacePool<Lanes128<double>, Vector128<double>, double>.Size, RacePool<Lanes128<double>, Vector128<double>, double>.Size / 2 }
           from mixed in new[] { false, true }
           select new PoolLoop(slots, mixed),
    ];

    // Near the main cardioid's edge escape counts spread over 40..200+: every block boundary is hit.
    private static readonly Viewport NearTheEdge = Viewport.Around(-0.7487, 0.0745, 0.004, 0.003);

    // Where the driver hands over from stepping to racing, and where each raced block ends.
    private static readonly int First = SimdRows<double>.RaceAfter;
    private static readonly int Block = SimdRows<double>.RaceLength;
    private static readonly int[] BlockEnds = [First + Block, First + 2 * Block, First + 3 * Block];

    public static TheoryData<int, Precision> Limits()
    {
        var data = new TheoryData<int, Precision>();
        var shortest = SimdRows<double>.ShortestRace;
        int[] limits =
        [
            First, First + shortest - 1, First + shortest, First + shortest + 1, // the first race, or too short to race
            First + Block - 1, First + Block, First + Block + 1, 100,             // one whole block, and a partial one
            First + 2 * Block - 1, First + 2 * Block, First + 2 * Block + 1, 200, 300,
        ];
        foreach (var limit in limits)
        {
            data.Add(limit, Precision.Double);
            data.Add(limit, Precision.Single);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Simd_MatchesReference_WithEscapesAtEveryBlockBoundary(int maxIterations, Precision precision)
    {
        var request = new RenderRequest { Viewport = NearTheEdge, Width = 131, Height = 23, MaxIterations = maxIterations, Precision = precision };
        var expected = MandelbrotEngine.Render(request);

        // The test only means something if escapes really fall around the boundaries it targets.
        var counts = expected.Counts.Where(n => n < maxIterations).ToHashSet();
        foreach (var boundary in BlockEnds.Where(b => b + 1 < maxIterations))
        {
            Assert.Contains(counts, n => Math.Abs(n - boundary) <= 1);
        }

        foreach (var width in new[] { VectorWidth.Bits128, VectorWidth.Bits256, VectorWidth.Bits512 }.Where(w => Engine.Kernels.Simd.AcceleratedWidths.All.Contains(w)))
        {
            var actual = MandelbrotEngine.Render(request with { Kernel = "Simd", Options = new KernelOptions { VectorWidth = width } });
            Assert.Equal(expected.Counts, actual.Counts);
            var simd = request with { Kernel = "Simd", Options = new KernelOptions { VectorWidth = width } };
            Assert.Equal(expected.Counts, Forced(simd, EscapeTest.RunningMaximum).Counts);
            foreach (var pool in PoolLoops)
            {
                Assert.Equal(expected.Counts, Forced(simd, EscapeTest.FinalTest, pool).Counts);
                Assert.Equal(expected.Counts, Forced(simd, EscapeTest.FinalTest, pool, fromStart: true).Counts);
            }
        }
    }

    /// <summary>Escapes on both sides of the hand-over from stepping to racing (iteration 32) and of the first race's end (96).</summary>
    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Simd_MatchesReference_AroundTheFirstRace(Precision precision)
    {
        // The task's square (every |c| <= 1.8, so the final test is exact too), fine enough for escapes at every count.
        var request = new RenderRequest { Viewport = new Viewport(-1.5, 0.5, -1.0, 1.0), Width = 203, Height = 151, MaxIterations = 120, Precision = precision };
        var expected = MandelbrotEngine.Render(request);
        foreach (var boundary in new[] { First, First + Block })
        {
            Assert.Contains(expected.Counts, n => Math.Abs(n - boundary) <= 1);
        }

        var simd = request with { Kernel = "Simd" };
        Assert.Equal(expected.Counts, MandelbrotEngine.Render(simd).Counts);
        Assert.Equal(expected.Counts, Forced(simd, EscapeTest.RunningMaximum).Counts);
        foreach (var pool in PoolLoops)
        {
            foreach (var fromStart in new[] { true, false })
            {
                Assert.Equal(expected.Counts, Forced(simd, EscapeTest.FinalTest, pool, fromStart).Counts);
            }
        }
    }

    /// <summary>
    /// The race pool at every fill: rows of 1 to 60 pixels fill its twelve slots from one row (its race
    /// then reads their one cy from a register; a pool that raced every fill so fails 24 of this class's
    /// cases) or from several, and refill it as slots retire; near the edge escapes are staggered over
    /// many blocks, so slots are redone (four at a time, of one row or several) while the rest race on,
    /// and the pool drains with slots of different rows. Limits end a block early too.
    /// </summary>
    [Theory]
    [InlineData(Precision.Double, 300)]
    [InlineData(Precision.Single, 300)]
    [InlineData(Precision.Double, 101)]
    public void Simd_MatchesReference_WithThePoolAtEveryFill(Precision precision, int maxIterations)
    {
        foreach (var pixels in Enumerable.Range(1, 60))
        {
            var request = new RenderRequest { Viewport = NearTheEdge, Width = pixels, Height = 5, MaxIterations = maxIterations, Precision = precision };
            var expected = MandelbrotEngine.Render(request).Counts;
            foreach (var width in Engine.Kernels.Simd.AcceleratedWidths.All)
            {
                var simd = request with { Kernel = "Simd", Options = new KernelOptions { VectorWidth = width } };
                foreach (var pool in PoolLoops)
                {
                    Assert.Equal(expected, Forced(simd, EscapeTest.FinalTest, pool).Counts);
                    Assert.Equal(expected, Forced(simd, EscapeTest.FinalTest, pool, fromStart: true).Counts);
                }
            }
        }
    }

    /// <summary>
    /// Blocks that have grown: a pool's blocks double after each call in which none failed, up to about 512
    /// iterations (a call's blocks split what is left evenly), and fall back to 64 after one that did. Near
    /// the edge of a bulb escapes spread over thousands of iterations, so slots escape inside grown blocks
    /// (and are redone through them), others run to the limit, which a grown block must end on exactly.
    /// </summary>
    [Theory]
    [InlineData(Precision.Double, 3000)]
    [InlineData(Precision.Single, 2999)]
    public void Simd_MatchesReference_WhenThePoolsBlocksHaveGrown(Precision precision, int maxIterations)
    {
        var request = new RenderRequest { Viewport = Viewport.Around(-0.16070135, 1.0375665, 0.0008, 0.0006), Width = 97, Height = 13, MaxIterations = maxIterations, Precision = precision };
        var expected = MandelbrotEngine.Render(request).Counts;
        Assert.Contains(expected, n => n > 4 * SimdRows<double>.LongestRace && n < maxIterations - SimdRows<double>.LongestRace);
        Assert.Contains(expected, n => n == maxIterations);
        foreach (var width in Engine.Kernels.Simd.AcceleratedWidths.All)
        {
            var simd = request with { Kernel = "Simd", Options = new KernelOptions { VectorWidth = width } };
            foreach (var pool in PoolLoops)
            {
                Assert.Equal(expected, Forced(simd, EscapeTest.FinalTest, pool).Counts);
            }
        }
    }

    /// <summary>
    /// A pool's call races what its slot with the fewest iterations left has left (up to the call's cap, so Ctrl+C is
    /// seen), in as few blocks as the race length allows, all as long as each other but the first, which takes what
    /// does not divide: so where nothing escapes a slot's whole life is one call, with no short block at its end.
    /// </summary>
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void EvenRace_EndsWhereTheFirstSlotIsDone_InTheFewestBlocks(int raceLength)
    {
        var cap = SimdRows<double>.BlocksPerCall * SimdRows<double>.RaceLength;
        foreach (var remaining in Enumerable.Range(SimdRows<double>.ShortestRace, 5000).Append(1_000_000))
        {
            var (first, length, blocks) = SimdRows<double>.EvenRace(remaining, raceLength);
            var iterations = Math.Min(remaining, cap);
            Assert.Equal(iterations, first + (blocks - 1) * length);
            Assert.Equal((iterations + raceLength - 1) / raceLength, blocks);
            Assert.InRange(length, SimdRows<double>.ShortestRace, raceLength);
            Assert.InRange(first - length, 0, blocks - 1);
        }
    }

    /// <summary>
    /// The driver's choice, written on the result: near the edge (|c| &lt; 1, no escape before 40 iterations)
    /// every group races z alone, and after the first row's first group (stepped) each races its first
    /// iterations too, its neighbour (for a row's first group, the first of the row above) having kept every
    /// lane through them; a row's last group, where it has padding lanes, is stepped. Then the step form the
    /// race pool took on this machine. Where no group raced in the pool nothing is said of its form.
    /// </summary>
    [Fact]
    public void CodePath_SaysWhichPathsRan()
    {
        // 128 pixels a row: whole groups (four registers) at every width, none padded.
        var request = new RenderRequest { Viewport = NearTheEdge, Width = 128, Height = 23, MaxIterations = 300, Kernel = "Simd" };
        var result = MandelbrotEngine.Render(request);
        var groupsInARow = 128 / (4 * ((int)AcceleratedWidths.All.Max() / 64));
        Assert.Matches(@"^RacedFromStart (99|100)%, RacedFinalTest (<1|1)%; race steps: (plain|mixed)$", result.CodePath); // one group of 92 to 368, the first row's first

        // Eight pixels more a row: each row's last group is padded, and steps.
        var padded = MandelbrotEngine.Render(request with { Width = 136 }).CodePath;
        var stepped = System.Text.RegularExpressions.Regex.Match(padded, @"RacedFinalTest (\d+)%");
        Assert.True(stepped.Success, padded);
        Assert.InRange(int.Parse(stepped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 100 / (groupsInARow + 1) - 1, 100 / (groupsInARow + 1) + 2);
        Assert.Equal("Stepped 100%", MandelbrotEngine.Render(request with { MaxIterations = 20 }).CodePath);

        // A streamed render (Invoke-Mandelbrot's summary) adds up the same groups, band by band.
        var bands = new BandedRender(RenderPlan.Create(request));
        bands.ForEachBand((_, _) => { }, CancellationToken.None);
        Assert.Equal(result.CodePath, bands.Summary(null).CodePath);

        // A forced form is the one named.
        foreach (var mixed in new[] { false, true })
        {
            var plan = RenderPlan.Create(request);
            var (x, y) = plan.Grid.Coordinates<double>();
            var phases = new PhaseLog();
            new SimdRows<double>(new KernelJob<double>(plan, x, y, new int[plan.Grid.PixelCount], phases, CancellationToken.None), forcedMixed: mixed).Solve(threads: 1);
            Assert.EndsWith($"; race steps: {(mixed ? "mixed" : "plain")}", phases.PathsText(), StringComparison.Ordinal);
        }

        // The tutorial's viewport reaches |c| > 1.9 (its spike at c = -2 lives long): those groups keep the maximum.
        var tutorial = MandelbrotEngine.Render(Scenarios.Tutorial with { Kernel = "Simd" });
        Assert.Contains("RacedRunningMaximum", tutorial.CodePath, StringComparison.Ordinal);
        Assert.Contains("RacedFinalTest", tutorial.CodePath, StringComparison.Ordinal);
        Assert.Equal("", MandelbrotEngine.Render(Scenarios.Tutorial).CodePath);
    }

    /// <summary>
    /// Every group raced with the given escape test, whatever its c (FinalTest is exact only because these
    /// c keep escapes permanent), in a pool of the given loop (null: this machine's size and form); with
    /// <paramref name="fromStart"/>, every final-test group races its first iterations before stepping
    /// them (true) or none does (false), whatever its neighbour did.
    /// </summary>
    private static RenderResult Forced(RenderRequest request, EscapeTest race, PoolLoop? pool = null, bool? fromStart = null)
    {
        var plan = RenderPlan.Create(request);
        var counts = new int[plan.Grid.PixelCount];
        if (request.Precision == Precision.Single)
        {
            Solve<float>(plan, counts, race, pool, fromStart);
        }
        else
        {
            Solve<double>(plan, counts, race, pool, fromStart);
        }

        return new RenderResult(plan, counts, TimeSpan.Zero);
    }

    private static void Solve<T>(RenderPlan plan, int[] counts, EscapeTest race, PoolLoop? pool, bool? fromStart)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (x, y) = plan.Grid.Coordinates<T>();
        new SimdRows<T>(new KernelJob<T>(plan, x, y, counts, new PhaseLog(), CancellationToken.None), SimdStep.Exact, race, pool?.Slots, fromStart, pool?.Mixed).Solve(threads: 1);
    }

    /// <summary>One of the race pool's loops: its slots and its step form (mixed: every second slot multiply-heavy).</summary>
    private readonly record struct PoolLoop(int Slots, bool Mixed);

    [Fact]
    public void Simd_MatchesReference_WhenOrbitsOverflowToInfinityAndNaNInsideARace()
    {
        // Single precision overflows within a race: |z| ~ 3 at an escape reaches 3^(2^7) > 3.4e38 in 7
        // steps, then inf - inf = NaN. Either race must still see the escape: the running maximum keeps
        // the infinity, the final test reads the NaN as outside.
        var request = new RenderRequest { Viewport = NearTheEdge, Width = 67, Height = 9, MaxIterations = 400, Precision = Precision.Single, Kernel = "Simd" };
        var expected = MandelbrotEngine.Render(request with { Kernel = RenderRequest.DefaultKernel }).Counts;
        Assert.Equal(expected, MandelbrotEngine.Render(request).Counts);
        Assert.Equal(expected, Forced(request, EscapeTest.RunningMaximum).Counts);
        Assert.Equal(expected, Forced(request, EscapeTest.FinalTest).Counts);

        // Beyond |c| = 2 every lane escapes at once and never races: the stepping path meets the infinities.

        var huge = new RenderRequest { Viewport = new Viewport(1e300, 2e300, -1e300, 1e300), Width = 19, Height = 3, MaxIterations = 100 };
        Assert.Equal(MandelbrotEngine.Render(huge).Counts, MandelbrotEngine.Render(huge with { Kernel = "Simd" }).Counts);
    }
}
