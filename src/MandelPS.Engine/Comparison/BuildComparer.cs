using System.Diagnostics;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Workers;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// The regression gate for CI on a shared machine: this build against another (the baseline build), both
/// measured now in worker processes of their own (`mandelps worker --serve`), every worker's samples
/// alternating round by round in an order shuffled from the seed, so a machine that drifts drifts under
/// both. A process has a speed of its own (code placement, memory layout: a few percent here), so each
/// build runs in several processes and its samples are pooled. Both sides plan the same request with the
/// same settings, pass their own correctness check, and their counts must agree (compared by hash); rows
/// say which build each side was.
/// </summary>
public sealed class BuildComparer
{
    /// <summary>Worker processes per build when none is asked for: two halve the spread a single process's own speed adds.</summary>
    public const int DefaultProcesses = 2;

    private readonly MeasurementSettings _settings;
    private readonly Clock _clock;
    private readonly int _processes;

    public BuildComparer(MeasurementSettings settings, Clock clock = Clock.Wall, int processes = DefaultProcesses)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        MandelPSException.RequireInRange("Processes", processes, 1, KernelBenchmark.MaxProcesses);
        _settings = settings;
        _clock = clock;
        _processes = processes;
    }

    /// <summary>
    /// Each plan measured by <paramref name="candidate"/>'s workers and <paramref name="baseline"/>'s, alternating.
    /// A baseline build that cannot plan a request (it lacks the kernel) is a KernelUnavailable error naming it;
    /// one that cannot start or speaks another protocol, a WorkerFailed error.
    /// </summary>
    public IEnumerable<KernelComparison> Compare(IReadOnlyList<RenderPlan> plans, IWorkerPool candidate, IWorkerPool baseline,
        Action<MeasurementProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var sessions = new List<WorkerSession>();
        try
        {
            for (var p = 0; p < _processes; p++)
            {
                sessions.Add(WorkerSession.Open(baseline, $"the baseline build's worker {p + 1}", "BaselineBuild"));
                sessions.Add(WorkerSession.Open(candidate, $"this build's worker {p + 1}", "BaselineBuild"));
            }

            var clock = Stopwatch.StartNew();
            for (var k = 0; k < plans.Count; k++)
            {
                var plan = plans[k];
                onProgress?.Invoke(new MeasurementProgress(k, plans.Count, $"{KernelBenchmark.Describe(plan)}: {sessions[0].Build.Version} against this build", clock.Elapsed));
                yield return CompareOne(plan, sessions, cancellation);
            }
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    /// <summary>One plan: every worker prepares it, the collector alternates all of them, each build's samples are pooled.</summary>
    private KernelComparison CompareOne(RenderPlan plan, List<WorkerSession> sessions, CancellationToken cancellation)
    {
        // Settings resolved here, so both builds run the same threads, width and device.
        var request = plan.Request with { Options = plan.Settings.ToOptions() };
        var sides = sessions.Select(s => new RemoteSide(s, 0, request)).ToList();
        try
        {
            new SampleCollector(_settings).Collect(sides, cancellation);
        }
        finally
        {
            sides.ForEach(s => s.Release());
        }

        // Sessions alternate baseline, candidate: even sides are the baseline build's.
        var baselines = sides.Where((_, i) => i % 2 == 0).ToList();
        var candidates = sides.Where((_, i) => i % 2 == 1).ToList();
        var (baseline, candidate) = (baselines[0], candidates[0]);
        var same = sides.All(s => s.First.CountsHash == baseline.First.CountsHash);
        var disagree = plan.IsExact && plan.Kernel.IsDeterministic && !same;
        var timing = new ComparisonTiming
        {
            BaselineSamples = [.. baselines.SelectMany(s => s.Samples)],
            CandidateSamples = [.. candidates.SelectMany(s => s.Samples)],
            BaselineCpuSamples = [.. baselines.SelectMany(s => s.CpuSamples)],
            CandidateCpuSamples = [.. candidates.SelectMany(s => s.CpuSamples)],
            Settings = _settings,
            Clock = _clock,
            Failure = baselines.FirstOrDefault(s => !s.IsTimed) is not null ? $"the baseline build's {plan.Kernel.Name} failed its correctness check"
                : candidates.FirstOrDefault(s => !s.IsTimed) is not null ? $"{plan.Kernel.Name} failed its correctness check"
                : disagree ? "the two builds' counts differ"
                : "",
        };
        return new KernelComparison(plan.Identity, timing)
        {
            Baseline = plan.Kernel.Name,
            BaselinePrecision = plan.Precision.ToString(),
            DeviceName = plan.DeviceName,
            Status = candidates.All(s => s.IsTimed) && !disagree ? MeasurementStatus.Ok : MeasurementStatus.Failed,
            ValidationSumDelta = candidate.First.ValidationSum - baseline.First.ValidationSum,
            DifferingPixels = candidate.First.DifferingPixels,
            IsExact = same,
            Method = ComparisonMethod.Builds,
            ComputerName = EnvironmentInfo.Current.ComputerName,
            BaselineBuild = baseline.Session.Build.ToString(),
            CandidateBuild = candidate.Session.Build.ToString(),
        };
    }
}
