using System.Diagnostics;
using System.Globalization;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Times kernels so the numbers can be trusted: each request's first run is checked against the
/// reference on the same grid (an exact kernel that disagrees is reported Failed and not timed, as the
/// Benchmarks Game does), then the <see cref="Sampler"/> stages run on a prepared render whose buffers
/// are reused, with a garbage collection before every sample. Speedup is relative to the slowest
/// kernel measured on the same problem; parallel efficiency to the same kernel on one thread.
/// </summary>
public sealed class KernelBenchmark
{
    private readonly MeasurementSettings _settings;
    private readonly Sampler _sampler;
    private readonly Dictionary<RenderRequest, RenderResult> _references = new();
    private readonly Lazy<double> _overheadMs;
    private readonly Func<RenderRequest, PreparedRender> _prepare;

    public KernelBenchmark(MeasurementSettings settings)
        : this(settings, MandelbrotEngine.Prepare)
    {
    }

    /// <summary>With another way to prepare requests: tests give the gate a deliberately wrong kernel.</summary>
    internal KernelBenchmark(MeasurementSettings settings, Func<RenderRequest, PreparedRender> prepare)
    {
        _prepare = prepare;
        ArgumentNullException.ThrowIfNull(settings);
        _sampler = new Sampler(settings);
        _settings = settings;
        _overheadMs = new Lazy<double>(MeasureOverhead);
    }

    public Action<MeasurementProgress>? OnProgress { get; init; }

    /// <summary>The harness's cost per kernel run in ms (median of timing an empty kernel).</summary>
    public double OverheadMs => _overheadMs.Value;

    public IReadOnlyList<KernelMeasurement> Measure(IReadOnlyList<RenderRequest> requests, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            request.Validate(); // refuse bad input before any timing
        }

        var clock = Stopwatch.StartNew();
        var rows = new List<KernelMeasurement>();
        for (var k = 0; k < requests.Count; k++)
        {
            var request = requests[k];
            OnProgress?.Invoke(new MeasurementProgress(k, requests.Count,
                $"{request.Kernel} {request.Width}x{request.Height}, {request.MaxIterations} iterations", clock.Elapsed));
            rows.Add(MeasureOne(request, cancellation));
        }

        Relate(rows);
        return rows;
    }

    /// <summary>Speedup over the slowest on each problem; parallel efficiency against one-thread twins.</summary>
    public static void Relate(IReadOnlyList<KernelMeasurement> rows)
    {
        foreach (var problem in rows.GroupBy(r => r.ProblemKey))
        {
            var slowest = problem.Where(r => r.Status == "Ok").Select(r => r.MedianMs).DefaultIfEmpty(0).Max();
            foreach (var row in problem)
            {
                row.Speedup = row.MedianMs > 0 ? slowest / row.MedianMs : 0;
                var oneThread = problem.FirstOrDefault(r => r.Kernel == row.Kernel && r.Threads == 1 && r.VectorWidth == row.VectorWidth && r.Status == "Ok");
                row.ParallelEfficiency = oneThread is not null && row.MedianMs > 0 && row.Threads > 1
                    ? oneThread.MedianMs / row.MedianMs / row.Threads
                    : 0;
            }
        }
    }

    private KernelMeasurement MeasureOne(RenderRequest request, CancellationToken cancellation)
    {
        var prepared = _prepare(request);
        var firstRun = prepared.Run(cancellation);
        var first = prepared.Snapshot(firstRun);
        var loss = PrecisionLoss.Between(Reference(request, cancellation), first);
        var kernel = prepared.Kernel;
        var failed = kernel.IsExact && !loss.IsExact;

        SamplerResult? sampled = null;
        long allocatedPerRun = 0;
        if (!failed)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var runs = 0;
            // The pilot times a second, warm run: the first one also paid for JIT compilation.
            var warmRunMs = prepared.Run(cancellation).TotalMilliseconds;
            sampled = _sampler.Run(() =>
            {
                runs++;
                return prepared.Run(cancellation).TotalMilliseconds;
            }, warmRunMs, cancellation, beforeSample: () => GC.Collect());
            allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Math.Max(1, runs);
        }

        var stats = sampled is null ? null : new SampleStatistics(sampled.Samples, _settings.RemoveOutliers);
        var median = stats?.Median ?? 0;
        var environment = EnvironmentInfo.Current;
        return new KernelMeasurement
        {
            Kernel = kernel.Name,
            Width = first.Width,
            Height = first.Height,
            MaxIterations = request.MaxIterations,
            Precision = request.Precision.ToString(),
            Grid = request.Grid.ToString(),
            Threads = kernel.UsesThreads ? request.Options.EffectiveDegreeOfParallelism : 1,
            VectorWidth = kernel.UsesSimd ? SimdRows<double>.Resolve(request.Options.VectorWidth).ToString() : "",
            Status = failed ? "Failed" : "Ok",
            Runs = stats?.Count ?? 0,
            RepetitionsPerRun = sampled?.RepetitionsPerSample ?? 0,
            MedianMs = median,
            MeanMs = stats?.Mean ?? 0,
            MinMs = stats?.Min ?? 0,
            MaxMs = stats?.Max ?? 0,
            StdDevMs = stats?.StdDev ?? 0,
            MedianCiLowerMs = stats?.MedianCiLower ?? 0,
            MedianCiUpperMs = stats?.MedianCiUpper ?? 0,
            CiLevel = stats?.CiLevel ?? 0,
            CiRelativeWidth = stats?.RelativeCiWidth ?? 0,
            Outliers = stats?.Outliers ?? 0,
            OverheadMs = OverheadMs,
            GIterPerSec = median > 0 ? first.TotalIterations / (median * 1e6) : 0,
            MPixelsPerSec = median > 0 ? first.Counts.Length / (median * 1e3) : 0,
            ValidationSum = first.ValidationSum,
            TotalIterations = first.TotalIterations,
            IsExact = kernel.IsExact,
            DifferingPixels = loss.DifferingPixels,
            ValidationSumDelta = loss.ValidationSumDelta,
            MaxCountError = loss.MaxCountError,
            AllocatedBytesPerRun = allocatedPerRun,
            ComputerName = environment.ComputerName,
            OS = environment.OS,
            ProcessorName = environment.ProcessorName,
            LogicalCores = environment.LogicalCores,
            DotNetVersion = environment.DotNetVersion,
            MaxVectorWidth = environment.MaxVectorWidth,
            MandelPSVersion = environment.MandelPSVersion,
            Timestamp = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Settings = _settings.Describe(),
            SamplesMs = sampled is null ? "" : SampleText.Format(sampled.Samples),
        };
    }

    private RenderResult Reference(RenderRequest request, CancellationToken cancellation)
    {
        var key = ProblemKey(request);
        if (!_references.TryGetValue(key, out var reference))
        {
            reference = MandelbrotEngine.Render(key, cancellation);
            _references[key] = reference;
        }

        return reference;
    }

    /// <summary>The request with kernel and options normalised: requests with equal keys solve the same problem.</summary>
    internal static RenderRequest ProblemKey(RenderRequest request) =>
        request with { Kernel = RenderRequest.DefaultKernel, Options = KernelOptions.Default };

    /// <summary>
    /// The harness's cost per kernel run: the whole path a measured run takes (job set-up, clock, virtual
    /// call, the sampler's accumulation) timed from outside over an empty kernel, median of 21 batches.
    /// It is reported, not subtracted: it is ~0.1 us, under 0.01% of any kernel run worth measuring.
    /// </summary>
    private static double MeasureOverhead()
    {
        var empty = new PreparedRender(new RenderRequest { Width = 1, Height = 1, MaxIterations = 1 }, new EmptyKernel(), PixelGrid.Linear(Viewport.Tutorial, 1, 1));
        var sampler = new Sampler(MeasurementSettings.Fixed(runs: 1, warmup: 0));
        const int runsPerBatch = 10_000;
        var batches = new List<double>();
        for (var b = 0; b < 21; b++)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < runsPerBatch; k++)
            {
                sampler.Run(() => empty.Run().TotalMilliseconds, firstRunMs: 1);
            }

            batches.Add(clock.Elapsed.TotalMilliseconds / runsPerBatch);
        }

        return new SampleStatistics(batches, removeOutliers: false).Median;
    }
}
