using System.Diagnostics;
using System.Globalization;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Times plans one after another, each through the shared <see cref="SampleCollector"/> after its
/// correctness gate, and yields each row as soon as it is measured (so a pipeline can stop early).
/// Speedup is over a declared baseline kernel measured on the same problem (the problem's reference
/// kernel unless another is named), measured first; parallel efficiency over the same kernel measured
/// earlier on one thread.
/// </summary>
public sealed class KernelBenchmark
{
    private readonly MeasurementSettings _settings;
    private readonly SampleCollector _collector;
    private readonly ReferenceResults _references = new();
    /// <summary>The harness's cost is this process's, not a benchmark's: measured once, on first use.</summary>
    private static readonly Lazy<double> Overhead = new(MeasureOverhead);
    private readonly List<KernelMeasurement> _earlier = [];
    private readonly int? _processes;
    private readonly List<Workers.WorkerSession> _sessions = [];

    // Rows of one benchmark share it: one run, one process, so a saved comparison of them needs no drift.
    private readonly string _runId = Guid.NewGuid().ToString("N")[..12];

    public KernelBenchmark(MeasurementSettings settings)
        : this(settings, processes: null)
    {
    }

    /// <summary>
    /// The kernel speedups are over (null: each problem's reference kernel, Expanded for z^2 + c). A row's
    /// speedup needs the baseline measured on its problem in this benchmark: its plans are measured first,
    /// and a baseline named here is added to every problem that lacks it, as hyperfine runs its reference.
    /// </summary>
    public string? Baseline { get; init; }

    /// <summary>
    /// A benchmark that, with <paramref name="processes"/>, times every plan in that many worker processes of
    /// this build at once (the host's worker pool), so each row also says how far the processes drift apart.
    /// </summary>
    public KernelBenchmark(MeasurementSettings settings, int? processes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (processes is { } count)
        {
            Errors.MandelPSException.RequireInRange("Processes", count, MinProcesses, MaxProcesses);
        }

        _settings = settings;
        _processes = processes;
        _collector = new SampleCollector(settings);
    }

    public const int MinProcesses = 2;
    public const int MaxProcesses = 16;

    /// <summary>The harness's cost per kernel run in ms (median of timing an empty kernel).</summary>
    public static double OverheadMs => Overhead.Value;

    /// <summary>
    /// Measures each plan, yielding the rows in the order asked for, each as soon as it and the rows before it
    /// are done. The baseline of each problem is measured first (so every speedup can be written as its row is
    /// made) and held back until its turn. Rows measured earlier by this benchmark (in this call or a previous
    /// one) are what Speedup and ParallelEfficiency relate to.
    /// </summary>
    public IEnumerable<KernelMeasurement> Measure(IReadOnlyList<RenderPlan> plans, Action<MeasurementProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        IReadOnlyList<RenderPlan> asked = [.. WithNamedBaseline(plans)];
        var order = Enumerable.Range(0, asked.Count).OrderBy(k => asked[k].Kernel.Name == BaselineFor(asked[k]) ? 0 : 1).ToList(); // stable
        var done = new KernelMeasurement?[asked.Count];
        var next = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var k = 0; k < order.Count; k++)
            {
                var plan = asked[order[k]];
                onProgress?.Invoke(new MeasurementProgress(k, asked.Count, Describe(plan), clock.Elapsed));
                var row = MeasureOne(plan, cancellation);
                _earlier.Add(row);
                done[order[k]] = row;
                for (; next < done.Length && done[next] is { } ready; next++)
                {
                    yield return ready;
                }
            }
        }
        finally
        {
            // Worker processes live for one Measure call: closing their input ends them.
            _sessions.ForEach(s => s.Dispose());
            _sessions.Clear();
        }
    }

    /// <summary>The plans, plus the named baseline on each problem that lacks it (with the settings it shares with the first plan there).</summary>
    private IEnumerable<RenderPlan> WithNamedBaseline(IReadOnlyList<RenderPlan> plans)
    {
        if (Baseline is null)
        {
            return plans;
        }

        var missing = plans.GroupBy(p => p.ProblemKey)
            .Where(g => !g.Any(p => p.Kernel.Name == Baseline) && !_earlier.Any(r => r.Kernel == Baseline && r.ProblemKey == g.Key))
            .Select(g => g.First().Twin(Baseline, g.First().Precision));
        return [.. missing, .. plans];
    }

    private string BaselineFor(RenderPlan plan) => Baseline is { } named ? Kernels.KernelRegistry.Get(named).Name : plan.ReferenceKernel;

    /// <summary>"ParallelSimd 1000x1000, 1000 iterations, Double, 2 threads": what a progress line names.</summary>
    public static string Describe(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var threads = plan.Kernel.UsesThreads ? $", {plan.Threads} threads" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{plan.Kernel.Name} {plan.Width}x{plan.Height}, {plan.MaxIterations} iterations, {plan.Precision}{threads}");
    }

    private KernelMeasurement MeasureOne(RenderPlan plan, CancellationToken cancellation) =>
        Row(plan, _processes is { } count ? InWorkers(plan, count, cancellation) : InThisProcess(plan, cancellation));

    /// <summary>The plan timed here: its correctness run, then samples on the prepared render.</summary>
    private Measured InThisProcess(RenderPlan plan, CancellationToken cancellation)
    {
        var side = new TimedRender(plan);
        var first = side.Start(_references, cancellation);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _collector.Collect([side], cancellation);
        var runs = side.Samples.Count * side.Repetitions;
        var loss = side.LossToReference!;
        return new Measured(side, side.Samples, side.CpuSamples, side.Status, first.ValidationSum, first.TotalIterations, first.CodePath)
        {
            Loss = loss,
            DifferingPixelsOverRuns = string.Join(";", side.LossOverRuns.Select(l => l.DifferingPixels)),
            AllocatedPerRun = runs == 0 ? 0 : (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs,
            CompileMs = side.CompileTime.TotalMilliseconds,
            Phases = side.MedianPhases(),
        };
    }

    /// <summary>
    /// The plan timed in <paramref name="count"/> worker processes of this build at once, their samples
    /// alternating round by round: the rows pool every sample, and how far the processes' medians spread is
    /// the drift a later comparison with a saved set allows for.
    /// </summary>
    private Measured InWorkers(RenderPlan plan, int count, CancellationToken cancellation)
    {
        var pool = Workers.WorkerPools.Current ?? throw new Errors.MandelPSException(Errors.ErrorKind.WorkerFailed, "Processes", $"no worker processes can be started: {Workers.WorkerPools.Unavailable}");
        while (_sessions.Count < count)
        {
            _sessions.Add(Workers.WorkerSession.Open(pool, $"this build's worker {_sessions.Count + 1}", "Processes"));
        }

        var request = plan.Request with { Options = plan.Settings.ToOptions() };
        var sides = _sessions.Take(count).Select((session, k) => new Workers.RemoteSide(session, k, request)).ToList();
        try
        {
            _collector.Collect(sides, cancellation);
            var first = sides[0].First;
            var failed = sides.FirstOrDefault(s => !s.IsTimed)?.First;
            var medians = sides.Where(s => s.Samples.Count > 0).Select(s => new SampleStatistics(s.Samples, _settings.RemoveOutliers).Median).ToList();
            var pooled = sides.SelectMany(s => s.Samples).ToList();
            var overall = pooled.Count == 0 ? 0 : new SampleStatistics(pooled, _settings.RemoveOutliers).Median;
            return new Measured(sides[0], pooled, sides.SelectMany(s => s.CpuSamples).ToList(), (failed ?? first).Status, first.ValidationSum, first.TotalIterations, first.CodePath ?? "")
            {
                DifferingPixels = (failed ?? first).DifferingPixels,
                Processes = count,
                ProcessMediansMs = SampleText.Format(medians),
                Drift = medians.Count > 1 && overall > 0 ? (medians.Max() - medians.Min()) / overall : null,
            };
        }
        finally
        {
            sides.ForEach(s => s.Release());
        }
    }

    private KernelMeasurement Row(RenderPlan plan, Measured measured)
    {
        var stats = measured.Samples.Count == 0 ? null : new SampleStatistics(measured.Samples, _settings.RemoveOutliers);
        var median = stats?.Median ?? 0;
        var baselineKernel = BaselineFor(plan);
        var baseline = _earlier.LastOrDefault(r => r.Kernel == baselineKernel && r.ProblemKey == plan.ProblemKey && r.Status == MeasurementStatus.Ok && r.MedianMs > 0);
        var baselineSamples = plan.Kernel.Name == baselineKernel ? measured.Samples : baseline is null ? null : SampleText.Parse(baseline.SamplesMs);
        var (lower, upper) = baselineSamples is { Count: > 0 } && measured.Samples.Count > 0 ? Comparison.SpeedupInterval.Compute(baselineSamples, measured.Samples, _settings.Seed) : (0.0, 0.0);
        var baselineMedian = plan.Kernel.Name == baselineKernel ? median : baseline?.MedianMs;
        var oneThreadKey = plan.Kernel.UsesThreads ? plan.OneThread().Identity.RequestKey : null;
        var oneThread = _earlier.FirstOrDefault(r => r.RequestKey == oneThreadKey && r.Status == MeasurementStatus.Ok);
        var environment = EnvironmentInfo.Current;
        var loss = measured.Loss;
        var rate = median > 0 ? measured.TotalIterations / (median * 1e6) : 0;
        var limit = LimitFor(plan, rate);
        return new KernelMeasurement(plan.Identity)
        {
            DeviceName = plan.DeviceName,
            Status = measured.Status,
            Runs = measured.Samples.Count,
            StopReason = measured.Side.StopReason,
            RepetitionsPerRun = measured.Side.Repetitions,
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
            GIterPerSec = rate,
            LimitGIterPerSec = limit,
            PercentOfLimit = limit is { } ceiling && rate > 0 ? 100 * rate / ceiling : null,
            MPixelsPerSec = median > 0 ? plan.Grid.PixelCount / (median * 1e3) : 0,
            SpeedupBaseline = baselineKernel,
            Speedup = median > 0 && baselineMedian is > 0 ? baselineMedian / median : null,
            SpeedupCiLower = lower > 0 ? lower : null,
            SpeedupCiUpper = upper > 0 ? upper : null,
            ParallelEfficiency = oneThread is not null && median > 0 && plan.Threads > 1 ? oneThread.MedianMs / median / plan.Threads : null,
            ValidationSum = measured.ValidationSum,
            TotalIterations = measured.TotalIterations,
            IsExact = plan.IsExact,
            DifferingPixels = loss?.DifferingPixels ?? measured.DifferingPixels,
            ValidationSumDelta = loss?.ValidationSumDelta ?? 0,
            MaxCountError = loss?.MaxCountError ?? 0,
            CountSumDelta = loss?.CountSumDelta ?? 0,
            RelativeL1Difference = loss?.RelativeL1 ?? 0,
            DifferingPixelsOverRuns = measured.DifferingPixelsOverRuns,
            AllocatedBytesPerRun = measured.AllocatedPerRun,
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
            SamplesMs = SampleText.Format(measured.Samples),
            CpuSamplesMs = SampleText.Format(measured.CpuSamples),
            CpuMedianMs = measured.CpuSamples.Count == 0 ? 0 : new SampleStatistics(measured.CpuSamples, _settings.RemoveOutliers).Median,
            RunId = _runId,
            Processes = measured.Processes,
            ProcessMediansMs = measured.ProcessMediansMs,
            Drift = measured.Drift,
            CompileMs = measured.CompileMs,
            Phases = PhaseLog.Format(measured.Phases),
            TimeIncludes = measured.Phases.Count == 0 ? "Compute" : string.Join("+", measured.Phases.Keys),
            CodePath = measured.CodePath,
        };
    }

    /// <summary>
    /// The arithmetic limit a row is held to: z^2 + c on this machine's cores (all of them for a kernel that ran
    /// threads, or processes), probed again if the row's <paramref name="rate"/> reached it. A GPU, a Buddhabrot (its
    /// rate counts orbits, not pixels) or another formula has none.
    /// </summary>
    private static double? LimitFor(RenderPlan plan, double rate)
    {
        if (plan.DeviceName != KernelTarget.HostDevice || plan.Kernel.Family == KernelFamily.SharedData || !plan.Formula.IsDefault)
        {
            return null;
        }

        return ArithmeticLimit.GIterPerSec(plan.Precision, plan.Kernel.UsesThreads ? plan.Threads : 1, rate);
    }

    /// <summary>What timing a plan gave, here or in workers: the samples by both clocks and the first run's figures.</summary>
    private sealed record Measured(SampledSide Side, IReadOnlyList<double> Samples, IReadOnlyList<double> CpuSamples, MeasurementStatus Status, long ValidationSum, long TotalIterations, string CodePath)
    {
        public Comparison.PrecisionLoss? Loss { get; init; }

        public long DifferingPixels { get; init; }

        public string DifferingPixelsOverRuns { get; init; } = "";

        public long AllocatedPerRun { get; init; }

        public double CompileMs { get; init; }

        public IReadOnlyDictionary<KernelPhase, TimeSpan> Phases { get; init; } = new Dictionary<KernelPhase, TimeSpan>();

        public int? Processes { get; init; }

        public string ProcessMediansMs { get; init; } = "";

        public double? Drift { get; init; }
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
