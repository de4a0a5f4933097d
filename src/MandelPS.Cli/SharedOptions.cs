using System.CommandLine;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Output;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>
/// The options render and measure share. Their names are a public contract: scripts depend on them.
/// </summary>
internal sealed class SharedOptions
{
    public Option<string[]> Kernel { get; } = new("--kernel", "-k")
    {
        Description = $"Kernel name (repeatable): {string.Join(", ", KernelRegistry.Names)}.",
        AllowMultipleArgumentsPerToken = false,
        CompletionSources = { _ => KernelRegistry.Names.Select(n => new System.CommandLine.Completions.CompletionItem(n)) },
    };

    public Option<bool> All { get; } = new("--all") { Description = "Every kernel available on this machine." };

    public Option<int[]> Width { get; } = new("--width", "-w") { Description = $"Pixels per row, {Limits.MinSize}..{Limits.MaxSize} (repeatable: a sweep).", DefaultValueFactory = _ => [1000] };

    public Option<int[]> Height { get; } = new("--height") { Description = $"Rows, {Limits.MinSize}..{Limits.MaxSize} (repeatable).", DefaultValueFactory = _ => [1000] };

    public Option<int[]> MaxIterations { get; } = new("--max-iterations", "-i") { Description = "Iteration limit per pixel, 1..2147483647 (repeatable).", DefaultValueFactory = _ => [1000] };

    public Option<Precision[]> Precision { get; } = new("--precision") { Description = "double or single (repeatable).", DefaultValueFactory = _ => [Engine.Problem.Precision.Double] };

    public Option<GridStyle> Grid { get; } = new("--grid") { Description = "linear (xmin + i*(xmax-xmin)/width) or tutorial (pure_python_2.py's grid from --size).", DefaultValueFactory = _ => GridStyle.Linear };

    public Option<int> Size { get; } = new("--size", "-n") { Description = $"With --grid tutorial: the tutorial's size argument w (w=1000 -> 500x500 pixels), {Limits.MinTutorialSize}..{Limits.MaxTutorialSize}. With --preset benchmarksgame: N (N x N pixels).", DefaultValueFactory = _ => 1000 };

    public Option<RenderPreset> Preset { get; } = new("--preset") { Description = "A problem defined elsewhere: none, or benchmarksgame (the Benchmarks Game task: N x N over [-1.5-i, 0.5+i], 50 iterations).", DefaultValueFactory = _ => RenderPreset.None };

    public Option<string> Viewport { get; } = new("--viewport") { Description = "xmin,xmax,ymin,ymax (default: the tutorial's -2.13,0.77,-1.3,1.3)." };

    public Option<int[]> Threads { get; } = new("--threads") { Description = $"Threads for parallel kernels, {KernelOptions.MinDegreeOfParallelism}..{KernelOptions.MaxDegreeOfParallelism} (repeatable; default: one per core)." };

    public Option<VectorWidth> VectorWidth { get; } = new("--vector-width") { Description = "SIMD width for Simd kernels: Auto, Scalar, Bits128, Bits256, Bits512.", DefaultValueFactory = _ => Engine.Problem.VectorWidth.Auto };

    public Option<int?> BlockSize { get; } = new("--block-size") { Description = $"Pixels per block for VectorBlocked, {KernelOptions.MinBlockSize}..{KernelOptions.MaxBlockSize}." };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "File to write (render: .pgm, .png or .pbm)." };

    public Option<OutputFormat> Format { get; } = new("--format", "-f") { Description = "table, csv, json or markdown.", DefaultValueFactory = _ => OutputFormat.Table };

    /// <summary>Adds the shared options; render brings its own --format (it also writes images).</summary>
    /// <summary>The measurement options measure and compare share.</summary>
    public Option<int?> Runs { get; } = new("--runs") { Description = $"Exactly this many measured samples (default: adaptive, see --min-runs/--max-runs/--time-budget), 1..{MeasurementSettings.MaxRunsAllowed}." };

    public Option<int> MinRuns { get; } = new("--min-runs") { Description = "Measured samples at least (adaptive mode).", DefaultValueFactory = _ => MeasurementSettings.Default.MinRuns };

    public Option<int> MaxRuns { get; } = new("--max-runs") { Description = "Measured samples at most (adaptive mode).", DefaultValueFactory = _ => MeasurementSettings.Default.MaxRuns };

    public Option<int> Warmup { get; } = new("--warmup") { Description = $"Warm-up samples after the correctness run, 0..{MeasurementSettings.MaxWarmupAllowed}.", DefaultValueFactory = _ => MeasurementSettings.Default.Warmup };

    public Option<double> MinRunTime { get; } = new("--min-run-time") { Description = "Milliseconds one sample lasts at least (the pilot repeats fast kernels), 0..60000.", DefaultValueFactory = _ => MeasurementSettings.Default.MinRunTime.TotalMilliseconds };

    public Option<double> TimeBudget { get; } = new("--time-budget") { Description = "Seconds of measuring per kernel after which sampling stops (adaptive mode).", DefaultValueFactory = _ => MeasurementSettings.Default.TimeBudget.TotalSeconds };

    public Option<string> Report { get; } = new("--report") { Description = "Also write a report: .svg (chart), .html (charts and table) or .md (Markdown table)." };

    public void AddMeasurementOptions(Command command)
    {
        foreach (var option in new Option[] { Runs, MinRuns, MaxRuns, Warmup, MinRunTime, TimeBudget, Report })
        {
            command.Options.Add(option);
        }
    }

    public MeasurementSettings ToSettings(ParseResult parse)
    {
        var warmup = parse.GetValue(Warmup);
        if (parse.GetValue(Runs) is { } runs)
        {
            return MeasurementSettings.Fixed(runs, warmup) with { MinRunTime = TimeSpan.FromMilliseconds(parse.GetValue(MinRunTime)) };
        }

        var budget = parse.GetValue(TimeBudget);
        if (!(budget > 0 && budget <= 86_400))
        {
            throw new RequestValidationException("--time-budget", $"{budget} s is outside the allowed range (0, 86400]");
        }

        return new MeasurementSettings
        {
            Warmup = warmup,
            MinRuns = parse.GetValue(MinRuns),
            MaxRuns = parse.GetValue(MaxRuns),
            MinRunTime = TimeSpan.FromMilliseconds(parse.GetValue(MinRunTime)),
            TimeBudget = TimeSpan.FromSeconds(budget),
        };
    }

    public void AddTo(Command command, bool withFormat = true)
    {
        foreach (var option in new Option[] { Kernel, All, Width, Height, MaxIterations, Precision, Grid, Size, Preset, Viewport, Threads, VectorWidth, BlockSize, Output })
        {
            command.Options.Add(option);
        }

        if (withFormat)
        {
            command.Options.Add(Format);
        }
    }

    public SweepSpec ToSpec(ParseResult parse)
    {
        var kernels = parse.GetValue(Kernel) ?? [];
        var all = parse.GetValue(All);
        if (all && kernels.Length > 0)
        {
            throw new RequestValidationException("--all", "use either --all or --kernel, not both");
        }

        var threads = parse.GetValue(Threads);
        var viewport = parse.GetValue(Viewport);
        var preset = parse.GetValue(Preset);

        // A preset fixes the problem (size, iterations, grid); the other options still apply.
        var task = preset == RenderPreset.None ? null : RenderPresets.Apply(preset, parse.GetValue(Size), new RenderRequest());
        return new SweepSpec
        {
            Kernels = kernels.Length == 0 && !all ? [RenderPresets.DefaultKernel(preset)] : kernels,
            AllKernels = all,
            Widths = task is null ? parse.GetValue(Width)! : [task.Width],
            Heights = task is null ? parse.GetValue(Height)! : [task.Height],
            MaxIterations = task is null ? parse.GetValue(MaxIterations)! : [task.MaxIterations],
            Precisions = parse.GetValue(Precision)!,
            Threads = threads is { Length: > 0 } ? threads.Select(t => (int?)t).ToArray() : [null],
            Grid = task?.Grid ?? parse.GetValue(Grid),
            TutorialSize = parse.GetValue(Size),
            Viewport = viewport is null ? Engine.Problem.Viewport.Tutorial : Engine.Problem.Viewport.Parse(viewport),
            Options = new KernelOptions { VectorWidth = parse.GetValue(VectorWidth), BlockSize = parse.GetValue(BlockSize) },
        };
    }
}
