using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// Measures candidates against a baseline on the same request. Runs alternate (baseline, candidate,
/// baseline, candidate...) so drift and heat hit both sides equally; precision loss is counted on the
/// same grid from the first run of each.
/// </summary>
public sealed class KernelComparer
{
    private readonly MeasurementSettings _settings;

    public KernelComparer(MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public Action<int, int, string>? OnProgress { get; init; }

    /// <summary>
    /// Each candidate is a request on the same grid as the baseline; it may differ in kernel, precision
    /// and options (Simd in Single against Expanded in Double is the "fast and wrong" comparison).
    /// </summary>
    public IReadOnlyList<KernelComparison> Compare(RenderRequest baseline, IReadOnlyList<RenderRequest> requests, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(requests);
        MandelbrotEngine.Validate(baseline);
        foreach (var request in requests)
        {
            MandelbrotEngine.Validate(request);
        }

        var baseResult = MandelbrotEngine.Render(baseline, cancellation);
        var rows = new List<KernelComparison>();
        for (var k = 0; k < requests.Count; k++)
        {
            OnProgress?.Invoke(k, requests.Count, requests[k].Kernel);
            var candidate = requests[k];
            var first = MandelbrotEngine.Render(candidate, cancellation);
            var loss = PrecisionLoss.Between(baseResult, first);
            for (var w = 1; w < _settings.Warmup; w++)
            {
                MandelbrotEngine.Render(baseline, cancellation);
                MandelbrotEngine.Render(candidate, cancellation);
            }

            var baseTimes = new List<double>();
            var candidateTimes = new List<double>();
            for (var r = 0; r < _settings.Runs; r++)
            {
                baseTimes.Add(MandelbrotEngine.Render(baseline, cancellation).Elapsed.TotalMilliseconds);
                candidateTimes.Add(MandelbrotEngine.Render(candidate, cancellation).Elapsed.TotalMilliseconds);
            }

            var baseMedian = new Statistics(baseTimes).Median;
            var median = new Statistics(candidateTimes).Median;
            rows.Add(new KernelComparison
            {
                Kernel = KernelRegistry.Get(candidate.Kernel).Name,
                Baseline = KernelRegistry.Get(baseline.Kernel).Name,
                Width = first.Width,
                Height = first.Height,
                MaxIterations = candidate.MaxIterations,
                Precision = candidate.Precision.ToString(),
                BaselineMedianMs = baseMedian,
                MedianMs = median,
                Speedup = median > 0 ? baseMedian / median : 0,
                DifferingPixels = loss.DifferingPixels,
                DifferingPercent = loss.DifferingPercent,
                ValidationSumDelta = loss.ValidationSumDelta,
                MaxCountError = loss.MaxCountError,
                IsExact = loss.IsExact,
                Runs = _settings.Runs,
            });
        }

        return rows;
    }
}
