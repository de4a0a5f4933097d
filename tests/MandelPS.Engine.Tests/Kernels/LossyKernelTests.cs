using MandelPS.Engine.Comparison;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// Fast and wrong, checked honestly: each variant finishes everywhere, turning its knob off makes it its
/// twin exactly, and the loss a comparison reports is the loss counted by hand from the counts.
/// </summary>
public sealed class LossyKernelTests
{
    private static readonly MeasurementSettings OneRun = MeasurementSettings.From(runs: 1, warmup: 0, minRunTimeMs: 0);

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in KernelRegistry.All.Where(k => k.Twin is not null && k.Availability.IsAvailable))
        {
            data.Add(kernel.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_WithItsKnobOff_EqualsItsTwin_OnEveryViewport(string kernel)
    {
        var options = kernel switch
        {
            "LazyEscape" => new KernelOptions { EscapeInterval = 1 },
            "FusedMultiplyAdd" => null, // its knob is the instruction itself: covered by the loss test below
            _ => new KernelOptions { Threads = 1 },
        };
        if (options is null)
        {
            return;
        }

        var twin = KernelRegistry.Get(kernel).Twin!;
        foreach (var scenario in Scenarios.Names())
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            var request = Scenarios.Get(scenario) with { Precision = precision };
            var expected = MandelbrotEngine.Render(request with { Kernel = twin, Options = KernelRegistry.Get(twin).UsesThreads ? new KernelOptions { Threads = 1 } : KernelOptions.Default });
            var actual = MandelbrotEngine.Render(request with { Kernel = kernel, Options = options });
            Assert.True(expected.Counts.SequenceEqual(actual.Counts), $"{kernel} differs from {twin} on {scenario} in {precision}");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ReportedLoss_IsTheLossCountedFromTheCounts(string kernel)
    {
        var definition = KernelRegistry.Get(kernel);
        foreach (var scenario in new[] { "Tutorial", "BoundaryZoom", "Inside" })
        {
            var candidate = RenderPlan.Create(Scenarios.Get(scenario) with { Kernel = kernel });
            var baseline = candidate.With(definition.Twin!, Precision.Double, KernelOptions.Default);
            var row = Assert.Single(new KernelComparer(OneRun).Compare([new ComparisonPair(candidate, baseline)]));

            var twinCounts = MandelbrotEngine.Render(Scenarios.Get(scenario) with { Kernel = definition.Twin! }).Counts;
            if (definition.IsDeterministic)
            {
                var counts = MandelbrotEngine.Render(Scenarios.Get(scenario) with { Kernel = kernel }).Counts;
                Assert.Equal(counts.Zip(twinCounts).Count(p => p.First != p.Second), row.DifferingPixels);
                Assert.Equal(counts.Select(c => (long)c).Sum() - twinCounts.Select(c => (long)c).Sum(), row.CountSumDelta);
                Assert.Equal(counts.Zip(twinCounts).Select(p => Math.Abs(p.First - p.Second)).DefaultIfEmpty().Max(), row.MaxCountError);
            }
            else
            {
                // Counts vary run to run: each run's loss is recorded, and none exceeds the whole image.
                var perRun = row.DifferingPixelsOverRuns.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
                Assert.Equal(row.Runs, perRun.Count);
                Assert.All(perRun, d => Assert.InRange(d, 0, twinCounts.Length));
            }

            Assert.Equal(100.0 * row.DifferingPixels / twinCounts.Length, row.DifferingPercent, 9);
            Assert.Equal(row.DifferingPixels == 0 && row.ValidationSumDelta == 0 && (row.DifferingPixelsOverRuns.Length == 0 || row.DifferingPixelsOverRuns.Split(';').All(d => d == "0")), row.IsExact);
        }
    }

    [Fact]
    public void LazyEscape_RoundsCountsUpToItsInterval()
    {
        var request = Scenarios.Tutorial with { Kernel = "LazyEscape", Options = new KernelOptions { EscapeInterval = 8 } };
        var lazy = MandelbrotEngine.Render(request).Counts;
        var exact = ReferenceCache.For(Scenarios.Tutorial).Counts;
        foreach (var (l, e) in lazy.Zip(exact).Where(p => p.Second < Scenarios.Tutorial.MaxIterations))
        {
            Assert.InRange(l, e, e + 7); // seen at the end of the block it escaped in, never earlier
            Assert.True(l % 8 == 7 || l == Scenarios.Tutorial.MaxIterations - 1 || l == e, $"count {l} is not at a block's end");
        }
    }

    [Fact]
    public void ExactBuddhabrots_AreIdentical_ForTheSameSamples()
    {
        var request = new RenderRequest { Width = 90, Height = 70, MaxIterations = 200, Viewport = new Viewport(-2, 1, -1.2, 1.2) };
        var expected = MandelbrotEngine.Render(request with { Kernel = "BuddhabrotPrivate", Options = new KernelOptions { Threads = 3 } });
        Assert.True(expected.Counts.Sum() > 10_000, "the test needs orbits that land in the image");
        foreach (var kernel in new[] { "BuddhabrotLocked", "BuddhabrotInterlocked", "BuddhabrotPrivate" })
        foreach (var threads in new[] { 1, 2, 3 })
        {
            var actual = MandelbrotEngine.Render(request with { Kernel = kernel, Options = new KernelOptions { Threads = threads } });
            Assert.Equal(expected.Counts, actual.Counts);
        }
    }

    [Fact]
    public void ParallelUnsynchronized_NeverCrashesOrHangs_AndAnyRowItSkipsShowsAsLoss()
    {
        var request = new RenderRequest { Kernel = "ParallelUnsynchronized", Width = 50, Height = 400, MaxIterations = 30, Options = new KernelOptions { Threads = 8 } };
        var exact = ReferenceCache.For(request).Counts;
        for (var run = 0; run < 20; run++)
        {
            var counts = MandelbrotEngine.Render(request).Counts;
            Assert.All(counts.Zip(exact), p => Assert.True(p.First == p.Second || p.First == ParallelUnsynchronizedKernel.Skipped));
        }
    }

    [Fact]
    public void LossyKernels_AreLeftOutOfAll_UnlessAskedFor()
    {
        var ladder = new RequestSpec { All = true, Width = [4], Height = [4], MaxIterations = [5] }.Plan().Plans.Select(p => p.Kernel.Name).ToList();
        Assert.DoesNotContain("LazyEscape", ladder);
        Assert.DoesNotContain("BuddhabrotUnsynchronized", ladder);
        var everything = new RequestSpec { All = true, IncludeLossy = true, Width = [4], Height = [4], MaxIterations = [5] }.Plan().Plans.Select(p => p.Kernel.Name).ToList();
        Assert.Contains("LazyEscape", everything);
        Assert.Contains("BuddhabrotUnsynchronized", everything);
    }

    [Fact]
    public void LossyTable_PairsEveryVariantWithItsTwin_AndEveryKernelInSingleWithItselfInDouble_OnThreeViewports()
    {
        var pairs = LossyTable.Pairs(new RequestSpec { Width = [8], Height = [8], MaxIterations = [10] }).Pairs;
        Assert.Equal(3, pairs.Select(p => p.Candidate.Request.Viewport).Distinct().Count());
        Assert.Equal(["Full", "BoundaryZoom", "DeepZoom"], pairs.Select(p => p.ViewportName).Distinct());
        Assert.All(pairs, p => Assert.Equal(p.Candidate.ProblemKey.Replace("/Single", "/Double", StringComparison.Ordinal), p.Baseline.ProblemKey));
        Assert.Contains(pairs, p => p.Candidate.Kernel.Name == "LazyEscape" && p.Baseline.Kernel.Name == "Simd");
        Assert.Contains(pairs, p => p.Candidate.Kernel.Name == "BuddhabrotUnsynchronized" && p.Baseline.Kernel.Name == "BuddhabrotPrivate");
        Assert.Contains(pairs, p => p.Candidate.Kernel.Name == "ParallelSimd" && p.Candidate.Precision == Precision.Single && p.Baseline.Precision == Precision.Double);
    }
}
