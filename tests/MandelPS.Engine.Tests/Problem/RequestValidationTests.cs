using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Problem;

/// <summary>Every bad input is refused before any work, with the parameter and its allowed range named.</summary>
public sealed class RequestValidationTests
{
    private static readonly RenderRequest Good = new() { Width = 10, Height = 10, MaxIterations = 10 };

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "width 0", "Width", "1..1000000" },
        { "width too big", "Width", "1..1000000" },
        { "height negative", "Height", "1..1000000" },
        { "height too big", "Height", "1..1000000" },
        { "maxiter 0", "MaxIterations", "1..2147483647" },
        { "xmin NaN", "Viewport", "not a finite number" },
        { "ymax infinite", "Viewport", "not a finite number" },
        { "xmin >= xmax", "Viewport", "xmin < xmax" },
        { "span overflows", "Viewport", "wider than the largest double" },
        { "ymin > ymax", "Viewport", "ymin < ymax" },
        { "tutorial size 0", "TutorialSize", "1..2000000" },
        { "block size 0", "BlockSize", "1..16777216" },
        { "threads 0", "Threads", "1..1024" },
        { "vector width None for Simd", "VectorWidth", "runs on SIMD registers" },
    };

    private static RenderRequest Make(string name) => name switch
    {
        "width 0" => Good with { Width = 0 },
        "width too big" => Good with { Width = 1_000_001 },
        "height negative" => Good with { Height = -5 },
        "height too big" => Good with { Height = 2_000_000 },
        "maxiter 0" => Good with { MaxIterations = 0 },
        "xmin NaN" => Good with { Viewport = Good.Viewport with { XMin = double.NaN } },
        "ymax infinite" => Good with { Viewport = Good.Viewport with { YMax = double.PositiveInfinity } },
        "xmin >= xmax" => Good with { Viewport = new Viewport(1, 1, 0, 1) },
        "ymin > ymax" => Good with { Viewport = new Viewport(0, 1, 2, 1) },
        "tutorial size 0" => Good with { Grid = GridStyle.Tutorial, TutorialSize = 0 },
        "block size 0" => Good with { Options = new KernelOptions { BlockSize = 0 } },
        "threads 0" => Good with { Options = new KernelOptions { Threads = 0 } },
        "span overflows" => Good with { Viewport = new Viewport(-1.7e308, 1.7e308, -1, 1) },
        "vector width None for Simd" => Good with { Kernel = "Simd", Options = new KernelOptions { VectorWidth = VectorWidth.None } },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Render_RefusesBadInput_NamingParameterAndRange(string name, string parameter, string allowed)
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Make(name)));
        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith(parameter + ":", error.Message);
        Assert.Contains(allowed, error.Message);
    }

    [Fact]
    public void Render_RefusesUnknownKernel_ListingValidNames()
    {
        var error = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(Good with { Kernel = "Quantum" }));
        Assert.Equal("Kernel", error.Parameter);
        Assert.Contains("'Quantum'", error.Message);
        foreach (var name in KernelRegistry.Names)
        {
            Assert.Contains(name, error.Message);
        }
    }

    [Fact]
    public void Render_RefusesAGridThatCannotFitInMemory_BeforeAllocating()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MandelPSException>(() =>
            MandelbrotEngine.Render(Good with { Width = 1_000_000, Height = 1_000_000 }));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Width", error.Parameter);
        Assert.Contains("1000000x1000000", error.Message);
        Assert.True(allocated < 64 * 1024 * 1024, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void Render_RefusesWorkingArraysThatCannotFitInMemory()
    {
        // 46000^2 pixels fit one array, but VectorWhole's four coordinate arrays need ~78 GB.
        var error = Assert.Throws<MandelPSException>(() =>
            MandelbrotEngine.Render(Good with { Kernel = "VectorWhole", Width = 46_000, Height = 46_000 }));
        Assert.Equal("Width", error.Parameter);
        Assert.Contains("needs", error.Message);
    }

    [Fact]
    public void Render_RefusesAPrecisionTheKernelLacks()
    {
        var error = Assert.Throws<MandelPSException>(() =>
            MandelbrotEngine.Render(Good with { Kernel = "Naive", Precision = Precision.Single }));
        Assert.Equal("Precision", error.Parameter);
        Assert.Contains("supports Double", error.Message);
    }

    [Fact]
    public void Viewport_Parse_RejectsMalformedText()
    {
        Assert.Equal(new Viewport(-2, 1, -1.5, 1.5), Viewport.Parse("-2, 1, -1.5, 1.5"));
        Assert.Contains("four comma-separated", Assert.Throws<MandelPSException>(() => Viewport.Parse("1,2,3")).Message);
        Assert.Contains("'x' is not a number", Assert.Throws<MandelPSException>(() => Viewport.Parse("1,2,3,x")).Message);
    }

    [Fact]
    public void Render_StopsPromptly_WhenCancelledMidRun()
    {
        // Each kernel gets a job of minutes (1000x1000 inside the set, 10^6 iterations per pixel: 10^12
        // in all) and is cancelled after 200 ms; it checks the token per row, pass or pixel, so it must
        // stop within a second or two. The 10 s bound only guards against a kernel that never checks.
        // (At 10^7 per pixel, one pixel of Hoisted's Complex.Abs loop, run before the JIT's on-stack
        // replacement on a loaded machine, once took 14.8 s.)
        // The bound counts from the moment the token is cancelled, by a thread of its own as Ctrl+C's handler
        // is: a timer's callback waits for a thread-pool thread, which a loaded test run may not have free
        // (one CI run read 15.8 s for ParallelSimd, and nothing told the kernel's share from the timer's).
        var endless = new RenderRequest { Viewport = new Viewport(-0.3, 0.1, -0.2, 0.2), Width = 1000, Height = 1000, MaxIterations = 1_000_000 };
        foreach (var kernel in KernelRegistry.All.Where(k => k.Availability.IsAvailable))
        {
            using var cancel = new CancellationTokenSource();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cancelledAt = TimeSpan.Zero;
            cancel.Token.Register(() => cancelledAt = clock.Elapsed);
            var canceller = new Thread(() => { Thread.Sleep(200); cancel.Cancel(); }) { IsBackground = true };
            canceller.Start();
            Assert.ThrowsAny<OperationCanceledException>(() => MandelbrotEngine.Render(endless with { Kernel = kernel.Name }, cancel.Token));
            var stopped = clock.Elapsed;
            canceller.Join();
            Assert.True(stopped - cancelledAt < TimeSpan.FromSeconds(10),
                $"{kernel.Name} took {stopped - cancelledAt} to stop after the token was cancelled at {cancelledAt} (asked for 200 ms)");
        }
    }

    [Fact]
    public void Render_IsCancellable()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (var kernel in KernelRegistry.All.Where(k => k.Availability.IsAvailable))
        {
            Assert.ThrowsAny<OperationCanceledException>(() =>
                MandelbrotEngine.Render(Good with { Kernel = kernel.Name }, cancelled.Token));
        }
    }
}
