using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tests.Kernels;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>
/// Every formula strategy gives the same counts as the reference, bit for bit, on the conformance
/// viewports in both precisions: for z^2 + c the Expanded reference (KernelConformanceTests runs the
/// formula kernels on every scenario too), for other formulas FormulaSpecialized. No strategy differs
/// legitimately: the interpreter and the residual code run the same definitions
/// (ComplexAlgebra, IntegerPowers) in the same order, folding computes in the run's precision, only
/// exact identities are dropped, and vector code applies the same IEEE operations lane by lane.
/// </summary>
public sealed class FormulaStrategyTests
{
    public static readonly string[] Formulas =
    [
        "z^3 + c", "(abs(re(z)) + abs(im(z))*i)^2 + c", "z^5 - z + c", "conj(z)^2 + c", "z*z + c + 0.1*z",
        "exp(z) + c", "z^2.5 + c", "z^-2 + c", "(z^2 + c)/(z - 0.5i)", "sqr(z) + 0.3i*c", "z^2 + c",
    ];

    public static readonly string[] Strategies = ["FormulaInterpreted", "FormulaCompiled", "FormulaVectorized"];

    public static TheoryData<string, string, Precision> Cases()
    {
        var data = new TheoryData<string, string, Precision>();
        foreach (var formula in Formulas)
        foreach (var scenario in new[] { "Tutorial", "BoundaryZoom", "Inside", "Outside", "SevenByThirteen", "OneByOne" })
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            data.Add(formula, scenario, precision);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryStrategy_MatchesTheReference(string formula, string scenario, Precision precision)
    {
        // Fewer iterations than the Mandelbrot scenarios: the interpreter is the baseline, and slow.
        var request = Small(Scenarios.Get(scenario)) with { Precision = precision, Formula = formula, EscapeRadius = formula.Contains("exp") ? 10 : 2 };
        var reference = MandelbrotEngine.Render(request with { Kernel = "FormulaSpecialized" });
        foreach (var strategy in Strategies)
        {
            Assert.Equal(reference.Counts, MandelbrotEngine.Render(request with { Kernel = strategy }).Counts);
        }
    }

    [Theory]
    [InlineData(VectorWidth.Bits128)]
    [InlineData(VectorWidth.Bits256)]
    [InlineData(VectorWidth.Bits512)]
    public void Vectorized_MatchesTheReference_AtEveryAcceleratedWidth_AndEveryTail(VectorWidth width)
    {
        if (!AcceleratedWidths.IsAccelerated(width))
        {
            return;
        }

        // 300 iterations: stepped to 32, raced in blocks of 64 (escapes in them redone exactly), a
        // shorter last block raced; 40 stops in a block that is stepped (too short to race).
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        foreach (var pixels in new[] { 1, 3, 15, 16, 17, 33, 63, 64, 65, 70 })
        foreach (var iterations in new[] { 40, 300 })
        {
            var request = new RenderRequest { Viewport = new Viewport(-1.9, 0.6, -0.05, 0.95), Width = pixels, Height = 3, MaxIterations = iterations, Precision = precision, Formula = "z^3 - 0.2*conj(z) + c" };
            var expected = MandelbrotEngine.Render(request with { Kernel = "FormulaSpecialized" }).Counts;
            var actual = MandelbrotEngine.Render(request with { Kernel = "FormulaVectorized", Options = new KernelOptions { VectorWidth = width, Threads = 2 } }).Counts;
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Vectorized_FindsAnEscape_FromWhichTheOrbitReturnsBeforeTheRacedBlockEnds(Precision precision)
    {
        // z' = a*z + c spirals into c/(1 - a), |c/(1 - a)| = 1.6 at c = 0.107: |z| first passes 2
        // between iterations 33 and 40 and is back under it (near 1.5) by iteration 96, where the first
        // raced block (32 to 96) ends. A race that tested only the block's last z would count these pixels on to the end.
        const string formula = "(0.97 + 0.06i)*z + c";
        var request = new RenderRequest { Viewport = new Viewport(0.1062, 0.1095, -0.0005, 0.0005), Width = 37, Height = 5, MaxIterations = 300, Precision = precision, Formula = formula };
        var expected = MandelbrotEngine.Render(request with { Kernel = "FormulaSpecialized" }).Counts;

        var returned = 0;
        for (var p = 0; p < expected.Length; p++)
        {
            var c = new System.Numerics.Complex(request.Viewport.XMin + (request.Viewport.XMax - request.Viewport.XMin) * (p % request.Width) / (request.Width - 1), 0);
            var z = System.Numerics.Complex.Zero;
            for (var n = 0; n < 96; n++)
            {
                z = new System.Numerics.Complex(0.97, 0.06) * z + c;
            }

            returned += expected[p] is > 32 and < 96 && z.Magnitude < 1.95 ? 1 : 0;
        }

        Assert.True(returned > expected.Length / 2, $"{returned} of {expected.Length} pixels escape inside the raced block and return");
        Assert.Equal(expected, MandelbrotEngine.Render(request with { Kernel = "FormulaVectorized", Options = new KernelOptions { Threads = 1 } }).Counts);
    }

    /// <summary>
    /// Racing a group's first iterations is a hint the caller gives (its neighbour outlived them). Forced
    /// on every group, where lanes escape from the first iteration on (the square's edge; z^3 + c, which
    /// keeps the running maximum) or leave the radius and come back (the spiral), the counts must still be
    /// exact, at every accelerated width, in both precisions.
    /// </summary>
    [Theory]
    [InlineData("z^2 + c", -1.5, 0.5, -1.0, 1.0, Precision.Double, true)]
    [InlineData("z^2 + c", -1.5, 0.5, -1.0, 1.0, Precision.Single, true)]
    [InlineData("z^3 + c", -1.2, 1.2, -1.2, 1.2, Precision.Double, true)]
    [InlineData("(0.97 + 0.06i)*z + c", 0.1062, 0.1095, -0.0005, 0.0005, Precision.Double, false)]
    public void Vectorized_RacingEveryGroupsFirstIterations_CountsExactly(string formula, double xMin, double xMax, double yMin, double yMax, Precision precision, bool escapesEarly)
    {
        foreach (var width in AcceleratedWidths.All)
        {
            var pixels = precision == Precision.Single ? Engine.Formulas.VectorCompiler.PixelsPerCall<float>(width) : Engine.Formulas.VectorCompiler.PixelsPerCall<double>(width);
            var request = new RenderRequest { Formula = formula, Viewport = new Viewport(xMin, xMax, yMin, yMax), Width = 3 * pixels, Height = 9, MaxIterations = 150, Precision = precision };
            var expected = MandelbrotEngine.Render(request with { Kernel = "FormulaSpecialized" }).Counts;
            Assert.Equal(escapesEarly, expected.Any(n => n < SimdRows<double>.RaceAfter)); // whether some groups lose lanes in the raced iterations
            var plan = RenderPlan.Create(request with { Kernel = "FormulaVectorized", Options = new KernelOptions { VectorWidth = width, Threads = 1 } });
            var actual = precision == Precision.Single ? RaceFirstEverywhere<float>(plan) : RaceFirstEverywhere<double>(plan);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>
    /// At 512 bits the machine chooses four slots side by side or six by timing them (<see cref="Engine.Formulas.VectorsInFlight"/>):
    /// either must count exactly, whichever this machine chose, on the standard view, where nothing escapes and near
    /// the cardioid's edge, in both precisions, rows not a whole number of groups wide.
    /// </summary>
    [Theory]
    [InlineData(-2.13, 0.77, -1.3, 1.3, Precision.Double)]
    [InlineData(-2.13, 0.77, -1.3, 1.3, Precision.Single)]
    [InlineData(-0.4, 0.1, -0.3, 0.3, Precision.Single)]
    [InlineData(-0.7527, -0.7447, 0.0715, 0.0775, Precision.Double)]
    public void Vectorized_EitherNumberInFlight_CountsExactly(double xMin, double xMax, double yMin, double yMax, Precision precision)
    {
        var request = new RenderRequest { Viewport = new Viewport(xMin, xMax, yMin, yMax), Width = 203, Height = 37, MaxIterations = 700, Precision = precision };
        var expected = MandelbrotEngine.Render(request with { Kernel = "FormulaSpecialized" }).Counts;
        foreach (var width in AcceleratedWidths.All)
        {
            foreach (var inFlight in width == VectorWidth.Bits512 ? new[] { 4, 6 } : [6])
            {
                var plan = RenderPlan.Create(request with { Kernel = "FormulaVectorized", Options = new KernelOptions { VectorWidth = width, Threads = 2 } });
                var actual = precision == Precision.Single ? SolveWith<float>(plan, inFlight: inFlight) : SolveWith<double>(plan, inFlight: inFlight);
                Assert.True(expected.SequenceEqual(actual), $"{width}, {inFlight} in flight");
            }
        }
    }

    private static int[] RaceFirstEverywhere<T>(RenderPlan plan)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => SolveWith<T>(plan, forcedFromStart: true);

    private static int[] SolveWith<T>(RenderPlan plan, bool? forcedFromStart = null, int? inFlight = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (x, y) = plan.Grid.Coordinates<T>();
        var counts = new int[plan.Grid.PixelCount];
        var job = new KernelJob<T>(plan, x, y, counts, new PhaseLog(), CancellationToken.None);
        FormulaVectorizedKernel.Solve(job, forcedFromStart, inFlight);
        return counts;
    }

    [Fact]
    public void Vectorized_CodePath_SaysHowItsGroupsRaced()
    {
        // Near the cardioid's edge (|c| < 1, escapes from 40 iterations on): z^2 + c races every group
        // with the final test, which PermanentEscape allows there, and every group after a row's first
        // races its first 32 iterations too (its neighbour outlived them); at 20 iterations nothing is
        // raced. z^3 + c, which no rule covers, keeps the running maximum (around 0, inside its set).
        var request = new RenderRequest { Kernel = "FormulaVectorized", Viewport = Viewport.Around(-0.7487, 0.0745, 0.004, 0.003), Width = 131, Height = 23, MaxIterations = 300 };
        var inFlight = $"; in flight: {Engine.Formulas.VectorCompiler.InFlight(AcceleratedWidths.All.Max())}";
        Assert.Matches(@"^RacedFromStart \d+%, RacedFinalTest \d+%" + inFlight + "$", MandelbrotEngine.Render(request).CodePath);
        Assert.Equal("Stepped 100%", MandelbrotEngine.Render(request with { MaxIterations = 20 }).CodePath);
        var cubic = request with { Formula = "z^3 + c", Viewport = Viewport.Around(0, 0, 0.2, 0.2) };
        Assert.Matches(@"^RacedFromStart \d+%, RacedRunningMaximum \d+%" + inFlight + "$", MandelbrotEngine.Render(cubic).CodePath);
        Assert.Equal("RacedRunningMaximum 100%" + inFlight, MandelbrotEngine.Render(cubic with { Width = Engine.Formulas.VectorCompiler.PixelsPerCall<double>(AcceleratedWidths.All.Max()) }).CodePath); // one group a row: none follows another

        // The tutorial's viewport reaches |c| > 1.9 (its spike at c = -2 lives long): those groups keep the maximum.
        var tutorial = MandelbrotEngine.Render(Scenarios.Tutorial with { Kernel = "FormulaVectorized" }).CodePath;
        Assert.Contains("RacedRunningMaximum", tutorial, StringComparison.Ordinal);
        Assert.Contains("RacedFinalTest", tutorial, StringComparison.Ordinal);
    }

    [Fact]
    public void ZSquaredPlusC_WithAnotherRadius_IsItsOwnProblem_CheckedAgainstFormulaSpecialized()
    {
        var plan = RenderPlan.Create(new RenderRequest { Kernel = "FormulaCompiled", Width = 20, Height = 10, MaxIterations = 50, EscapeRadius = 4 });
        Assert.Equal("FormulaSpecialized", plan.ReferenceKernel);
        Assert.EndsWith("/f=z^2+c@4", plan.ProblemKey, StringComparison.Ordinal);
        Assert.Equal("Expanded", RenderPlan.Create(new RenderRequest { Kernel = "FormulaCompiled", Formula = "Z^2+C" }).ReferenceKernel);
    }

    public static TheoryData<string> FormulaKernels() => [.. KernelRegistry.All.OfType<FormulaKernel>().Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(FormulaKernels))]
    public void EveryStrategy_HonoursCancellation(string kernel)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var request = new RenderRequest { Kernel = kernel, Width = 64, Height = 64, MaxIterations = 100_000, Formula = "z^3 + c" };
        Assert.ThrowsAny<OperationCanceledException>(() => MandelbrotEngine.Render(request, cancelled.Token));
    }

    [Theory]
    [InlineData("FormulaSpecialized")]
    [InlineData("FormulaCompiled")]
    [InlineData("FormulaVectorized")]
    public void Compile_IsRecordedWhenItHappens_AndNotOnceCached(string kernel)
    {
        // A formula no other test uses, so this test sees its first compilation in the process.
        var request = new RenderRequest { Kernel = kernel, Width = 20, Height = 10, MaxIterations = 20, Formula = $"z^2 + c + 0.{Math.Abs(kernel.GetHashCode(StringComparison.Ordinal)) % 1000 + 1}*conj(z)" };
        var first = PreparedRender.RunOnce(RenderPlan.Create(request), CancellationToken.None);
        var second = PreparedRender.RunOnce(RenderPlan.Create(request), CancellationToken.None);

        Assert.True(first.Phases.ContainsKey(KernelPhase.Compile));
        Assert.True(first.Phases[KernelPhase.Compile] < TimeSpan.FromSeconds(5));
        Assert.False(second.Phases.ContainsKey(KernelPhase.Compile));
        Assert.Equal(first.Counts, second.Counts);
    }

    [Fact]
    public void FormulaInterpreted_RecordsNoCompilePhase()
    {
        var result = MandelbrotEngine.Render(new RenderRequest { Kernel = "FormulaInterpreted", Width = 4, Height = 4, MaxIterations = 10, Formula = "z^4 + c" });
        Assert.Empty(result.Phases);
    }

    [Theory]
    [InlineData("Expanded")]
    [InlineData("ParallelSimd")]
    [InlineData("Naive")]
    public void AFormula_WithAKernelThatSolvesOnlyZSquared_IsRefused_NamingFormula(string kernel)
    {
        var error = Assert.Throws<MandelPSException>(() => RenderPlan.Create(new RenderRequest { Kernel = kernel, Formula = "z^3 + c" }));
        Assert.Equal((ErrorKind.InvalidRequest, "Formula"), (error.Kind, error.Parameter));
        Assert.Contains("FormulaVectorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemKey_IsUnchanged_ForTheDefaultFormula()
    {
        var plain = RenderPlan.Create(new RenderRequest { Width = 10, Height = 10 });
        var spelledOut = RenderPlan.Create(new RenderRequest { Width = 10, Height = 10, Formula = "z^2+c", EscapeRadius = 2 });
        Assert.Equal("Linear/-2.13,0.77,-1.3,1.3/10x10/1000/Double", plain.ProblemKey);
        Assert.Equal(plain.ProblemKey, spelledOut.ProblemKey);
        Assert.EndsWith("/f=z^3+c@2", RenderPlan.Create(new RenderRequest { Kernel = "FormulaCompiled", Formula = "z^3 + c" }).ProblemKey, StringComparison.Ordinal);
    }

    [Fact]
    public void All_WithAFormula_SelectsTheFormulaKernels_AndWithoutOneLeavesThemOut()
    {
        var withFormula = new RequestSpec { All = true, Formula = "z^3 + c", Width = [8], Height = [8] }.Plan();
        Assert.Equal(KernelRegistry.All.OfType<FormulaKernel>().Select(k => k.Name), withFormula.Plans.Select(p => p.Kernel.Name));
        var ladder = new RequestSpec { All = true, Width = [8], Height = [8] }.Plan();
        Assert.DoesNotContain(ladder.Plans, p => p.Kernel is FormulaKernel);
        var named = new RequestSpec { Kernel = ["Formula*"], Width = [8], Height = [8] }.Plan();
        Assert.Equal(4, named.Plans.Count);
    }

    [Fact]
    public void Compare_WithoutABaseline_ComparesAFormulaWithItsReference_AndTheRowNamesTheFormula()
    {
        var plan = RenderPlan.Create(new RenderRequest { Kernel = "FormulaVectorized", Width = 16, Height = 8, MaxIterations = 20, Formula = "conj(z)^2 + c" });
        var comparer = new KernelComparer(MeasurementSettings.From(runs: 3, warmup: 0, minRunTimeMs: 0));
        var row = Assert.Single(comparer.Compare([plan], baselineKernel: null, Precision.Double));
        Assert.Equal(("FormulaSpecialized", "conj(z)^2 + c", 0L), (row.Baseline, row.Formula, row.DifferingPixels));
    }

    private static RenderRequest Small(RenderRequest request) => request with
    {
        MaxIterations = Math.Min(request.MaxIterations, 120),
        Width = request.Grid == GridStyle.Linear ? Math.Min(request.Width, 48) : request.Width,
        Height = request.Grid == GridStyle.Linear ? Math.Min(request.Height, 32) : request.Height,
    };
}
