using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>
/// Membership by either path, forced, equals "count &gt;= MaxIterations" from the reference; the final-test
/// path is chosen, and allowed, only where every |c| is at most 1.9 (where an escape is permanent).
/// </summary>
public sealed class MembershipPathTests
{
    public static TheoryData<string, Precision, VectorWidth, int> Cases()
    {
        // Near the edge of the set, within |c| <= 1.9, escapes spread over every block of the final test
        // (its group tests look at z_5, z_12 and z_26 riding on a step, z_5, z_10 and z_20 apart: limits on both sides of each).
        var data = new TheoryData<string, Precision, VectorWidth, int>();
        foreach (var scenario in new[] { "NearTheEdge", "BenchmarksGame", "Inside" })
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        foreach (var width in AcceleratedWidths.All)
        foreach (var limit in new[] { 1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20, 21, 26, 27, 50, 301 })
        {
            data.Add(scenario, precision, width, limit);
        }

        return data;
    }

    private static RenderRequest Request(string scenario) => scenario switch
    {
        "NearTheEdge" => new RenderRequest { Viewport = Viewport.Around(-0.7487, 0.0745, 0.004, 0.003), Width = 103, Height = 11 },
        "BenchmarksGame" => new RenderRequest { Grid = GridStyle.BenchmarksGame, Width = 99, Height = 37 },
        _ => Kernels.Scenarios.Get(scenario),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothPaths_EqualTheReference(string scenario, Precision precision, VectorWidth width, int maxIterations)
    {
        var request = Request(scenario) with { MaxIterations = maxIterations, Precision = precision };
        var reference = MandelbrotEngine.Render(request);
        var expected = reference.Counts.Select(n => n >= maxIterations).ToArray();
        var inSet = expected.Count(b => b);
        // At 50 iterations and more the edge cases have pixels on both sides (at a few, everything near the edge is in).
        Assert.True(scenario == "Inside" || maxIterations < 50 || (inSet > 0 && inSet < expected.Length), "the case must have pixels on both sides");

        Assert.Equal(expected, Membership(request, width, EscapeTest.RunningMaximum));
        foreach (var testOnStep in new[] { true, false })
        {
            Assert.Equal(expected, Membership(request, width, EscapeTest.FinalTest, testOnStep));
        }
    }

    [Fact]
    public void FinalTest_IsChosenOnTheBenchmarksGameGrid_AndRefusedBeyondRadius19()
    {
        var task = Grid(new RenderRequest { Grid = GridStyle.BenchmarksGame, Width = 64, Height = 64 });
        Assert.Equal(EscapeTest.FinalTest, new MembershipRows<double>(task.X, task.Y, 50, AcceleratedWidths.Widest).Path);

        // The tutorial's viewport reaches x = -2.13: an escaped orbit there is not proven to stay out.
        var wide = Grid(Kernels.Scenarios.Tutorial);
        var rows = new MembershipRows<double>(wide.X, wide.Y, 50, AcceleratedWidths.Widest);
        Assert.Equal(EscapeTest.RunningMaximum, rows.Path);
        Assert.Throws<ArgumentException>(() => new MembershipRows<double>(wide.X, wide.Y, 50, AcceleratedWidths.Widest, path: EscapeTest.FinalTest));
    }

    /// <summary>Ctrl+C reaches inside a row (at a deep limit one row can take minutes), on both paths.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ACancelledRow_StopsWithinTheRow(bool finalTest)
    {
        // Every c here escapes within a few iterations (and |c| <= 1.7): the row ends at once, so only a
        // test inside the row can see the cancellation.
        var outside = Grid(new RenderRequest { Viewport = new Viewport(0.6, 1.2, 0.6, 1.2), Width = 64, Height = 4 });
        var path = finalTest ? EscapeTest.FinalTest : EscapeTest.RunningMaximum;
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var cancelled = new MembershipRows<double>(outside.X, outside.Y, 1_000_000_000, AcceleratedWidths.Widest, path, cancellation: stop.Token);
        Assert.Throws<OperationCanceledException>(() => cancelled.PackRow(2, new byte[cancelled.RowBytes]));
        var running = new MembershipRows<double>(outside.X, outside.Y, 1_000_000_000, AcceleratedWidths.Widest, path, cancellation: CancellationToken.None);
        var packed = new byte[running.RowBytes];
        running.PackRow(2, packed);
        Assert.All(packed, b => Assert.Equal(0, b));
    }

    private static (double[] X, double[] Y) Grid(RenderRequest request) => RenderPlan.Create(request).Grid.Coordinates<double>();

    /// <summary>Membership by one path; <paramref name="testOnStep"/> forces how the final-test path tests its groups (riding on a step, as with 32 registers, or apart, as with 16), whatever this machine has.</summary>
    private static bool[] Membership(RenderRequest request, VectorWidth width, EscapeTest path, bool? testOnStep = null)
    {
        var plan = RenderPlan.Create(request);
        return request.Precision == Precision.Single
            ? Unpack(plan.Grid.Coordinates<float>(), plan, width, path, testOnStep)
            : Unpack(plan.Grid.Coordinates<double>(), plan, width, path, testOnStep);
    }

    private static bool[] Unpack<T>((T[] X, T[] Y) grid, RenderPlan plan, VectorWidth width, EscapeTest path, bool? testOnStep)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rows = new MembershipRows<T>(grid.X, grid.Y, plan.MaxIterations, width, path: path, testOnStep: testOnStep);
        var packed = new byte[rows.RowBytes];
        var result = new bool[plan.Width * plan.Height];
        for (var j = 0; j < plan.Height; j++)
        {
            rows.PackRow(j, packed);
            for (var i = 0; i < plan.Width; i++)
            {
                result[j * plan.Width + i] = (packed[i >> 3] & 0x80 >> (i & 7)) != 0;
            }

            // Bits past the last pixel are zero.
            Assert.Equal(0, plan.Width % 8 == 0 ? 0 : packed[^1] & (0xFF >> (plan.Width % 8)));
        }

        return result;
    }
}
