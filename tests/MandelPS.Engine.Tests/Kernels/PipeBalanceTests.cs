using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The race pool steps half its vectors with zy' = ((zx*zy)*2) + cy instead of the reference's
/// (zx*zy + zx*zy) + cy (<see cref="BareOrbit{TLanes, TVec, T}.StepBalanced"/>), reading c where it is
/// added (the At forms). Doubling is exact, so every form must agree bit for bit on every step for every c: where z's products are subnormal, where orbits overflow to infinity
/// and NaN, and on the views where an earlier form of the balanced step, ((zx*2)*zy) + cy, rounded
/// differently and had to be kept away.
/// </summary>
public sealed class PipeBalanceTests
{
    [Fact]
    public void Forms_AgreeBitForBit_OnEveryStep_Double() => Agree<double>(e => Math.ScaleB(1, e), -1074);

    [Fact]
    public void Forms_AgreeBitForBit_OnEveryStep_Single() => Agree<float>(e => MathF.ScaleB(1, e), -149);

    /// <summary>
    /// c = -0.65 + ε i (ε the smallest subnormal): zx*zy is subnormal at the second step, where doubling
    /// zx before the product rounds differently from doubling the product. The balanced step doubles the
    /// product, so it stays the reference's; the reassociated form does not (the case that once needed a rule).
    /// </summary>
    [Fact]
    public void BalancedStep_DoublesTheProduct_WhereReassociationWouldRound()
    {
        var (cx, cy) = (Vector128.Create(-0.65), Vector128.Create(double.Epsilon));
        var (plain, balanced) = (default(BareOrbit<Lanes128<double>, Vector128<double>, double>), default(BareOrbit<Lanes128<double>, Vector128<double>, double>));
        var (zx, zy) = (0.0, 0.0);
        for (var step = 0; step < 2; step++)
        {
            plain.Step(cx, cy);
            balanced.StepBalanced(cx, cy, Vector128.Create(2.0));
            (zx, zy) = ((zx * zx - zy * zy) + -0.65, (zx * 2 * zy) + double.Epsilon); // doubled before the product
        }

        Assert.Equal(Bits(plain), Bits(balanced));
        Assert.NotEqual(BitConverter.ToDouble(Bits(plain), 16), zy); // zy's first lane: the reassociated form rounded apart
    }

    /// <summary>
    /// Views whose c make z's products subnormal: a column at cx = 0 exactly, rows a subnormal hair off the
    /// real axis, and a view of tiny c around the origin. The counts must be the reference's at every
    /// width, in both precisions, on one core and on two.
    /// </summary>
    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void SimdKernels_MatchReference_WhereProductsAreSubnormal(Precision precision)
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
    /// Random c, a vector's lanes at a time, with parts from the smallest subnormal up to 4 (log-uniform,
    /// either sign, a part 0 one time in five, many cy a few units of the smallest subnormal, where products
    /// of z's parts fall below the normal numbers), and beyond the set, where orbits overflow: both forms
    /// step 1500 times and must hold the same bits after every step.
    /// </summary>
    private static void Agree<T>(Func<int, T> power, int lowestExponent)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(20261206);
        var two = Vector128.Create(T.CreateTruncating(2));
        T Part() => random.Next(5) == 0 ? T.Zero
            : random.Next(3) == 0 ? T.CreateTruncating(random.Next(1, 1 << 20)) * power(lowestExponent)
            : T.CreateTruncating(random.NextDouble() + 1) * power(random.Next(lowestExponent, 2)) * (random.Next(2) == 0 ? -T.One : T.One);
        for (var trial = 0; trial < 2000; trial++)
        {
            var lanes = Vector128<T>.Count;
            var (cx, cy) = (Vector128.Create(Enumerable.Range(0, lanes).Select(_ => Part()).ToArray()), Vector128.Create(Enumerable.Range(0, lanes).Select(_ => Part()).ToArray()));
            BareOrbit<Lanes128<T>, Vector128<T>, T> plain = default, balanced = default, plainAt = default, balancedAt = default;
            for (var step = 0; step < 1500; step++)
            {
                plain.Step(cx, cy);
                balanced.StepBalanced(cx, cy, two);
                plainAt.StepAt(in cx, in cy);
                balancedAt.StepBalancedAt(in cx, in cy, two);
                var bits = Bits(plain);
                Assert.True(bits.SequenceEqual(Bits(balanced)) && bits.SequenceEqual(Bits(plainAt)) && bits.SequenceEqual(Bits(balancedAt)), $"c = {cx} + {cy}i, step {step + 1}");
            }
        }
    }

    /// <summary>z's bytes (both parts, every lane).</summary>
    private static byte[] Bits<TLanes, TVec, T>(BareOrbit<TLanes, TVec, T> orbit)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged =>
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref orbit, 1)).ToArray();
}
