using MandelPS.Engine.Comparison;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Times kernels honestly: each request's first run is checked against the reference on the same grid
/// (an exact kernel that disagrees is reported Failed and not timed), then warm-up runs, then measured
/// runs of the kernel alone. Speedup is relative to the slowest kernel measured on the same request.
/// </summary>
public sealed class KernelBenchmark
{
    private readonly MeasurementSettings _settings;
    private readonly Dictionary<RenderRequest, RenderResult> _references = new();

    public KernelBenchmark(MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Called before each request is measured: (index, total, request).</summary>
    public Action<int, int, RenderRequest>? OnProgress { get; init; }

    public IReadOnlyList<KernelMeasurement> Measure(IReadOnlyList<RenderRequest> requests, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            MandelbrotEngine.Validate(request); // refuse bad input before any timing
        }

        var results = new List<(RenderRequest Request, KernelMeasurement Row)>();
        for (var k = 0; k < requests.Count; k++)
        {
            OnProgress?.Invoke(k, requests.Count, requests[k]);
            results.Add((requests[k], MeasureOne(requests[k], cancellation)));
        }

        foreach (var group in results.GroupBy(r => ProblemKey(r.Request)))
        {
            var slowest = group.Where(r => r.Row.Status == "Ok").Select(r => r.Row.MedianMs).DefaultIfEmpty(0).Max();
            foreach (var (_, row) in group)
            {
                row.Speedup = row.MedianMs > 0 ? slowest / row.MedianMs : 0;
            }
        }

        return results.Select(r => r.Row).ToList();
    }

    private KernelMeasurement MeasureOne(RenderRequest request, CancellationToken cancellation)
    {
        var kernel = KernelRegistry.Get(request.Kernel);
        var prepared = MandelbrotEngine.Prepare(request);
        var first = prepared.Snapshot(prepared.Run(cancellation));
        var loss = PrecisionLoss.Between(Reference(request, cancellation), first);
        var failed = kernel.IsExact && !loss.IsExact;

        var times = new List<double>();
        if (!failed)
        {
            // The correctness run above was the first warm-up run.
            for (var w = 1; w < _settings.Warmup; w++)
            {
                prepared.Run(cancellation);
            }

            for (var r = 0; r < _settings.Runs; r++)
            {
                cancellation.ThrowIfCancellationRequested();
                times.Add(prepared.Run(cancellation).TotalMilliseconds);
            }
        }

        var stats = times.Count > 0 ? new Statistics(times) : null;
        var median = stats?.Median ?? 0;
        return new KernelMeasurement
        {
            Kernel = kernel.Name,
            Width = first.Width,
            Height = first.Height,
            MaxIterations = request.MaxIterations,
            Precision = request.Precision.ToString(),
            Grid = request.Grid.ToString(),
            Status = failed ? "Failed" : "Ok",
            Runs = times.Count,
            MedianMs = median,
            MinMs = stats?.Min ?? 0,
            MaxMs = stats?.Max ?? 0,
            MeanMs = stats?.Mean ?? 0,
            GIterPerSec = median > 0 ? first.TotalIterations / (median * 1e6) : 0,
            MPixelsPerSec = median > 0 ? first.Counts.Length / (median * 1e3) : 0,
            ValidationSum = first.ValidationSum,
            TotalIterations = first.TotalIterations,
            IsExact = kernel.IsExact,
            DifferingPixels = loss.DifferingPixels,
            ValidationSumDelta = loss.ValidationSumDelta,
            MaxCountError = loss.MaxCountError,
            VectorWidth = kernel.UsesSimd ? SimdRows<double>.Resolve(request.Options.VectorWidth).ToString() : "",
            Threads = kernel.UsesThreads ? request.Options.EffectiveDegreeOfParallelism : 1,
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
    private static RenderRequest ProblemKey(RenderRequest request) =>
        request with { Kernel = RenderRequest.DefaultKernel, Options = KernelOptions.Default };
}
