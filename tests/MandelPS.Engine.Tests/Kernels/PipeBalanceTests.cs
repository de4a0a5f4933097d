using System.Numerics;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The race pool steps half its vectors with zy' = ((zx*2)*zy) + cy instead of the reference's
/// (zx*zy + zx*zy) + cy. These tests hold the rule that says where that is exact (<see cref="PipeBalance"/>):
/// the forms agree on every step of every orbit whose c the rule allows, they do differ where it refuses,
/// and the kernels stay the reference's on views that put c where the rule refuses.
/// </summary>
public sealed class PipeBalanceTests
{
    [Fact]
    public void Forms_AgreeBitForBit_OnEveryStep_WhereTheRuleAllows_Double() =>
        AgreeWhereAllowed<double>(e => Math.ScaleB(1, e), -1074);

    [Fact]
    public void Forms_AgreeBitForBit_OnEveryStep_WhereTheRuleAllows_Single() =>
        AgreeWhereAllowed<float>(e => MathF.ScaleB(1, e), -149);

    /// <summary>cy = one unit in the last place of zero: zx*zy is subnormal at the second step, and the forms round it differently.</summary>
    [Fact]
    public void Forms_Differ_WhereTheRuleRefuses()
    {
        Assert.NotEqual(Orbit(-0.65, double.Epsilon, 2, balanced: false), Orbit(-0.65, double.Epsilon, 2, balanced: true));
        Assert.NotEqual(Orbit(-0.65f, float.Epsilon, 2, balanced: false), Orbit(-0.65f, float.Epsilon, 2, balanced: true));
        Assert.False(PipeBalance.RowAllows(double.Epsilon));
        Assert.False(PipeBalance.RowAllows(float.Epsilon));
    }

    [Fact]
    public void Rule_OnItsEdges()
    {
        var smallest = Math.ScaleB(1, -400);
        Assert.True(PipeBalance.RowAllows(0.0));
        Assert.True(PipeBalance.RowAllows(-0.0));
        Assert.False(PipeBalance.RowAllows(smallest));
        Assert.True(PipeBalance.RowAllows(-Math.BitIncrement(smallest)));
        Assert.True(Allows(4.0, 1.9, -1.9, Math.ScaleB(smallest, 1)));
        Assert.False(Allows(4.0, 0.0));        // a column at cx = 0
        Assert.False(Allows(-smallest, 4.0));  // a column a hair off it
        Assert.False(Allows(1.0f, 1.0f, 0.0f, 1.0f));
        Assert.True(Allows(MathF.ScaleB(1.5f, -30), -1.0f, 1.9f, 4.0f));
    }

    /// <summary>
    /// Views whose c the rule refuses: a column at cx = 0 exactly, rows a subnormal hair off the real
    /// axis, and a view of tiny c around the origin. The pool races those in the reference's form; the
    /// counts must be the reference's at every width, in both precisions, on one core and on all.
    /// </summary>
    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void SimdKernels_MatchReference_WhereTheRuleRefuses(Precision precision)
    {
        var tiny = precision == Precision.Double ? 1e-310 : 1e-40;
        var views = new[]
        {
            new Viewport(-1.5, 0.5, -0.5, 0.5), // x = -1.5 + i/16 reaches 0 at i = 24
            new Viewport(-1.2, 0.3, -tiny, tiny),
            new Viewport(-tiny, tiny, -tiny, tiny),
        };
        foreach (var viewport in views)
        {
            var request = new RenderRequest { Viewport = viewport, Width = 32, Height = 9, MaxIterations = 200, Precision = precision };
            var expected = MandelbrotEngine.Render(request);
            Assert.Contains("RacedFinalTest", MandelbrotEngine.Render(request with { Kernel = "Simd" }).CodePath, StringComparison.Ordinal);
            foreach (var width in AcceleratedWidths.All)
            {
                var options = new KernelOptions { VectorWidth = width };
                Assert.Equal(expected.Counts, MandelbrotEngine.Render(request with { Kernel = "Simd", Options = options }).Counts);
                Assert.Equal(expected.Counts, MandelbrotEngine.Render(request with { Kernel = "ParallelSimd", Options = options with { Threads = 2 } }).Counts);
            }
        }

        Assert.Contains(RenderPlan.Create(new RenderRequest { Viewport = views[0], Width = 32, Height = 9 }).Grid.X, x => x == 0);
    }

    /// <summary>
    /// The pool's mixed loop steps its even places in the reference's form: before a race, every slot whose
    /// c refuse the other form must be moved to one (an empty one too), keeping every slot's pixels, or the
    /// pool must say it cannot (more such slots than even places). Every fill and every pattern of refusals.
    /// </summary>
    [Fact]
    public void Pool_PutsRefusedSlotsWhereTheMixedLoopStepsPlainly()
    {
        for (var count = 1; count <= RacePool<Lanes128<double>, Vector128<double>, double>.Size; count++)
        {
            for (var pattern = 0; pattern < 1 << count; pattern++)
            {
                var pool = new RacePool<Lanes128<double>, Vector128<double>, double>(capacity: RacePool<Lanes128<double>, Vector128<double>, double>.Size);
                for (var k = 0; k < count; k++)
                {
                    pool.Add(CountingOrbit<Lanes128<double>, Vector128<double>, double>.Start(), default, default, row: k, start: 10 * k, done: 16, balanced: (pattern >> k & 1) == 0);
                }

                var size = RacePool<Lanes128<double>, Vector128<double>, double>.Size;
                IEnumerable<int> Occupied() => Enumerable.Range(0, size).Where(k => (pool.Occupied >> k & 1) != 0);
                var before = Occupied().Select(pool.Slot).OrderBy(s => s.Row).ToArray();
                var refused = before.Count(s => s.PlainOnly);
                var arranged = pool.ArrangedForMixed();
                var after = Occupied().Select(k => (Place: k, Slot: pool.Slot(k))).ToArray();
                Assert.Equal(before, after.Select(p => p.Slot).OrderBy(s => s.Row));
                Assert.Equal(refused <= size / 2, arranged);
                Assert.True(!arranged || after.Where(p => p.Place % 2 == 1).All(p => !p.Slot.PlainOnly), $"{count} slots, pattern {pattern}");
            }
        }
    }

    /// <summary>
    /// Random c with parts from the smallest subnormal up to 2 (log-uniform, either sign, cy = 0 one time
    /// in five, half the others near the bottom); for each c the rule allows, both forms step 1500 times
    /// and must give the same bits each step. (A rule that let every c through fails here.)
    /// </summary>
    private static void AgreeWhereAllowed<T>(Func<int, T> power, int lowestExponent)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(20261205);
        var tested = 0;
        for (var trial = 0; trial < 10000; trial++)
        {
            // Half the cy a few units of the smallest subnormal: there a product of z's parts can fall below the normal numbers.
            T Part(int lowest) => T.CreateTruncating(random.NextDouble() + 1) * power(random.Next(lowest, 0)) * (random.Next(2) == 0 ? -T.One : T.One);
            var (cx, cy) = (Part(lowestExponent), random.Next(5) == 0 ? T.Zero : random.Next(2) == 0 ? Part(lowestExponent) : T.CreateTruncating(random.Next(1, 1 << 20)) * power(lowestExponent));
            if (!PipeBalance.RowAllows(cy) || !Allows(cx))
            {
                continue;
            }

            tested++;
            var (plainX, plainY, balancedX, balancedY) = (T.Zero, T.Zero, T.Zero, T.Zero);
            for (var step = 0; step < 1500; step++)
            {
                (plainX, plainY) = Step(plainX, plainY, cx, cy, balanced: false);
                (balancedX, balancedY) = Step(balancedX, balancedY, cx, cy, balanced: true);
                Assert.True(Same(plainX, balancedX) && Same(plainY, balancedY), $"c = {cx} + {cy}i, step {step + 1}: ({plainX}, {plainY}) against ({balancedX}, {balancedY})");
            }
        }

        Assert.InRange(tested, 500, 10000); // the rule allows a good share of the draws, down to its edge
    }

    private static (T X, T Y) Orbit<T>(T cx, T cy, int steps, bool balanced)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = (T.Zero, T.Zero);
        for (var step = 0; step < steps; step++)
        {
            (x, y) = Step(x, y, cx, cy, balanced);
        }

        return (x, y);
    }

    /// <summary>One step in either form, as scalars: the same IEEE operations the vector lanes do.</summary>
    private static (T X, T Y) Step<T>(T zx, T zy, T cx, T cy, bool balanced)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x2, y2) = (zx * zx, zy * zy);
        var product = zx * zy;
        var y = balanced ? (zx * T.CreateTruncating(2)) * zy + cy : (product + product) + cy;
        return ((x2 - y2) + cx, y);
    }

    private static bool Same<T>(T a, T b)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (T.IsNaN(a) && T.IsNaN(b)) || (a == b && T.IsNegative(a) == T.IsNegative(b));

    /// <summary>The rule on one vector holding these lanes (a 512-bit vector of T, the values repeated to fill it).</summary>
    private static bool Allows<T>(params T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(values.Length <= Vector512<T>.Count && Vector512<T>.Count % values.Length == 0);
        var lanes = Enumerable.Repeat(values, Vector512<T>.Count / values.Length).SelectMany(v => v).ToArray();
        return PipeBalance.VectorAllows<Lanes512<T>, Vector512<T>, T>(Vector512.Create(lanes));
    }
}
