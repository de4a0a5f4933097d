using System.Diagnostics;
using System.Globalization;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Times plans one after another, each through the shared <see cref="SampleCollector"/> after its
/// correctness gate, and yields each row as soon as it is measured (so a pipeline can stop early).
/// Speedup is over the first row measured on the same problem; parallel efficiency over the same
/// kernel measured earlier on one thread.
/// </summary>
public sealed class KernelBenchmark
{
    private readonly MeasurementSettings _settings;
    private readonly SampleCollector _collector;
    private readonly ReferenceResults _references = new();
    private readonly Lazy<double> _overheadMs;
    private readonly List<KernelMeasurement> _earlier = [];

    public KernelBenchmark(MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _collector = new SampleCollector(settings);
        _overheadMs = new Lazy<double>(MeasureOverhead);
    }

    /// <summary>The harness's cost per kernel run in ms (median of timing an empty kernel).</summary>
    public double OverheadMs => _overheadMs.Value;

    /// <summary>
    /// Measures each plan in turn, yielding its row as soon as it is done. Rows measured earlier by this
    /// benchmark (in this call or a previous one) are what Speedup and ParallelEfficiency relate to.
    /// </summary>
    public IEnumerable<KernelMeasurement> Measure(IReadOnlyList<RenderPlan> plans, Action<MeasurementProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < plans.Count; k++)
        {
            var plan = plans[k];
            onProgress?.Invoke(new MeasurementProgress(k, plans.Count, Describe(plan), clock.Elapsed));
            var row = MeasureOne(plan, cancellation);
            _earlier.Add(row);
            yield return row;
        }
    }

    /// <summary>"ParallelSimd 1000x1000, 1000 iterations, Double, 2 threads": what a progress line names.</summary>
    public static string Describe(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var threads = plan.Kernel.UsesThreads ? $", {plan.Threads} threads" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{plan.Kernel.Name} {plan.Width}x{plan.Height}, {plan.MaxIterations} iterations, {plan.Precision}{threads}");
    }

    private KernelMeasurement MeasureOne(RenderPlan plan, CancellationToken cancellation)
    {
        var side = new TimedRender(plan);
        var first = side.Start(_references, cancellation);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _collector.Collect([side], cancellation);
        var runs = side.Samples.Count * side.Repetitions;
        var allocatedPerRun = runs == 0 ? 0 : (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs;

        var stats = side.Samples.Count == 0 ? null : new SampleStatistics(side.Samples, _settings.RemoveOutliers);
        var median = stats?.Median ?? 0;
        var firstOnProblem = _earlier.FirstOrDefault(r => r.ProblemKey == plan.ProblemKey && r.Status == MeasurementStatus.Ok && r.MedianMs > 0);
        var oneThread = _earlier.FirstOrDefault(r => r.ProblemKey == plan.ProblemKey && r.Kernel == plan.Kernel.Name && r.Threads == 1
            && r.VectorWidth == plan.VectorWidth && r.Status == MeasurementStatus.Ok);
        var environment = EnvironmentInfo.Current;
        var phases = side.MedianPhases();
        var loss = side.LossToReference!;
        return new KernelMeasurement
        {
            Kernel = plan.Kernel.Name,
            Width = plan.Width,
            Height = plan.Height,
            MaxIterations = plan.MaxIterations,
            Precision = plan.Precision,
            Grid = plan.Request.Grid,
            Viewport = plan.ViewportText,
            TutorialSize = plan.TutorialSize,
            Formula = plan.Formula.Text,
            EscapeRadius = plan.Formula.EscapeRadius,
            Threads = plan.Threads,
            VectorWidth = plan.VectorWidth,
            BlockSize = plan.BlockSize,
            EscapeInterval = plan.EscapeInterval,
            Status = side.Status,
            Runs = side.Samples.Count,
            StopReason = side.StopReason,
            RepetitionsPerRun = side.Repetitions,
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
            GIterPerSec = median > 0 ? first.TotalIterations / (median * 1e6) : 0,
            MPixelsPerSec = median > 0 ? first.Counts.Length / (median * 1e3) : 0,
            Speedup = median > 0 ? (firstOnProblem?.MedianMs ?? median) / median : 0,
            ParallelEfficiency = oneThread is not null && median > 0 && plan.Threads > 1 ? oneThread.MedianMs / median / plan.Threads : 0,
            ValidationSum = first.ValidationSum,
            TotalIterations = first.TotalIterations,
            IsExact = plan.IsExact,
            Device = plan.Device,
            GroupSize = plan.GroupSize,
            DifferingPixels = loss.DifferingPixels,
            ValidationSumDelta = loss.ValidationSumDelta,
            MaxCountError = loss.MaxCountError,
            CountSumDelta = loss.CountSumDelta,
            RelativeL1Difference = loss.RelativeL1,
            DifferingPixelsOverRuns = string.Join(";", side.LossOverRuns.Select(l => l.DifferingPixels)),
            AllocatedBytesPerRun = allocatedPerRun,
            OverheadMs = OverheadMs,
            ComputerName = environment.ComputerName,
            OS = environment.OS,
            ProcessorName = environment.ProcessorName,
            LogicalCores = environment.LogicalCores,
            DotNetVersion = environment.DotNetVersion,
            MaxVectorWidth = environment.MaxVectorWidth,
            MandelPSVersion = environment.MandelPSVersion,
            Timestamp = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Settings = _settings.Describe(),
            SamplesMs = SampleText.Format(side.Samples),
            CompileMs = side.CompileTime.TotalMilliseconds,
            Phases = PhaseLog.Format(phases),
            TimeIncludes = phases.Count == 0 ? "Compute" : string.Join("+", phases.Keys),
            CodePath = first.CodePath,
        };
    }

    /// <summary>
    /// The harness's cost per kernel run: the whole path a measured run takes (job set-up, clock, virtual
    /// call) timed from outside over an empty kernel, median of 21 batches.
    /// It is reported, not subtracted: it is ~0.1 us, under 0.01% of any kernel run worth measuring.
    /// </summary>
    private static double MeasureOverhead()
    {
        var side = new TimedRender(RenderPlan.ForKernel(new RenderRequest { Width = 1, Height = 1, MaxIterations = 1 }, new EmptyKernel()));
        const int runsPerBatch = 10_000;
        var batches = new List<double>();
        for (var b = 0; b < 21; b++)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < runsPerBatch; k++)
            {
                side.RunOnceMs(CancellationToken.None);
            }

            batches.Add(clock.Elapsed.TotalMilliseconds / runsPerBatch);
        }

        return new SampleStatistics(batches, removeOutliers: false).Median;
    }
}
