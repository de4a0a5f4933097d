using System.CommandLine;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>
/// The options that describe what to solve, shared by render, measure, compare and costmap, mapped onto
/// the engine's one request builder (<see cref="RequestSpec"/>). Their names are a public contract:
/// scripts depend on them, and a test keeps them in step with the cmdlets' parameters.
/// </summary>
internal sealed class RequestOptions
{
    public Option<string[]> Kernel { get; } = new("--kernel", "-k")
    {
        Description = "Kernel name or wildcard pattern (repeatable; `mandelps kernels` lists them).",
        HelpName = "name",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CompletionSources = { context => KernelNameCompletion.Complete(context.WordToComplete).Select(n => new System.CommandLine.Completions.CompletionItem(n)) },
    };

    public Option<bool> All { get; } = Options.Flag("--all", "Every kernel available on this machine (the others are skipped with a warning).");

    public Option<int[]> Width { get; } = Options.Ints("--width", $"Pixels per row, {Limits.MinSize}..{Limits.MaxSize} (repeatable: a sweep; default 1000).", "-w");

    public Option<int[]> Height { get; } = Options.Ints("--height", $"Rows, {Limits.MinSize}..{Limits.MaxSize} (repeatable; default 1000).");

    public Option<int[]> MaxIterations { get; } = Options.Ints("--max-iterations", $"Iteration limit per pixel, {Limits.MinIterations}..{Limits.MaxIterations} (repeatable; default 1000).", "-i");

    public Option<Precision[]> Precision { get; } = Options.Enums<Precision>("--precision", "Floating-point precision (repeatable; default double)");

    public Option<int[]> Threads { get; } = Options.Ints("--threads", $"Threads for parallel kernels, {KernelOptions.MinThreads}..{KernelOptions.MaxThreads} (repeatable; default: one per core).");

    public Option<VectorWidth?> VectorWidth { get; } = Options.Enum<VectorWidth>("--vector-width", "SIMD width for Simd kernels; must be hardware-accelerated here (default auto, the widest)");

    public Option<int[]> BlockSize { get; } = Options.Ints("--block-size", $"Pixels per block for VectorBlocked, {KernelOptions.MinBlockSize}..{KernelOptions.MaxBlockSize} (repeatable; default: its measured best).");

    public Option<int[]> EscapeInterval { get; } = Options.Ints("--escape-interval", $"Iterations between escape tests for LazyEscape, {KernelOptions.MinEscapeInterval}..{KernelOptions.MaxEscapeInterval} (repeatable; default 8; 1 is exact).");

    public Option<bool> IncludeLossy { get; } = Options.Flag("--include-lossy", "With --all: the fast-and-wrong variants and the Buddhabrot experiments too.");

    public Option<string?> Viewport { get; } = Options.Text("--viewport", "xmin,xmax,ymin,ymax", "xmin,xmax,ymin,ymax (default: the tutorial's -2.13,0.77,-1.3,1.3); the imaginary axis points up (row 0 is ymax).");

    public Option<string?> Center { get; } = Options.Text("--center", "x,y", "The point the image is centred on; with --zoom, aims a viewport of the image's own shape (default: the whole set's middle, -0.68,0).");

    public Option<double?> Zoom { get; } = Options.Double("--zoom", $"Magnification over the whole set, {Engine.Planning.RequestSpec.MinZoom}..{Engine.Planning.RequestSpec.MaxZoom} (1: the tutorial's view fitted to the image; with --center).");

    public Option<int?> TutorialSize { get; } = Options.Int("--tutorial-size", $"Use the tutorial's pure_python_2.py grid with its size argument w (w=1000 gives 500x500 pixels), {Limits.MinTutorialSize}..{Limits.MaxTutorialSize}.");

    public Option<RenderPreset?> Preset { get; } = Options.Enum<RenderPreset>("--preset", "A problem defined elsewhere: benchmarksgame is that task's N x N bitmap over [-1.5-i, 0.5+i], 50 iterations; needs --size");

    public Option<int?> Size { get; } = Options.Int("--size", "The preset's size (benchmarksgame: N).", "-n");

    public Option<string?> Formula { get; } = Options.Text("--formula", "f",
        $"The iteration for the Formula kernels, e.g. 'z^3 + c', '(abs(re(z)) + abs(im(z))*i)^2 + c' (default '{Engine.Formulas.Formula.DefaultText}'): z, c, numbers, i, + - * / ^, abs re im conj sqr exp.");

    public Option<double?> EscapeRadius { get; } = Options.Double("--escape-radius",
        $"|z| beyond which an orbit escapes, for the Formula kernels, {Engine.Formulas.Formula.MinEscapeRadius}..{Engine.Formulas.Formula.MaxEscapeRadius} (default 2).");

    public Option<string?> Device { get; } = new("--device") { HelpName = "device", Description = "The device GPU kernels run on: an index or name pattern from `mandelps devices` (default: the best GPU; cpu = ILGPU's CPU accelerator, pocl0 = OpenCL on the CPU)." };

    public Option<int[]> GroupSize { get; } = Options.Ints("--group-size", $"Work-items per group for GpuGridStride, {KernelOptions.MinGroupSize}..{KernelOptions.MaxGroupSize} (repeatable; default 256, or the device's maximum if lower).");

    /// <summary>Every option that describes what to solve.</summary>
    public IEnumerable<Option> Every => [Kernel, All, IncludeLossy, Width, Height, MaxIterations, Precision, Threads, VectorWidth, BlockSize, EscapeInterval, Device, GroupSize, Viewport, Center, Zoom, TutorialSize, Preset, Size, Formula, EscapeRadius];

    /// <summary>Adds the options; a single render has no use for --all.</summary>
    public void AddTo(Command command, bool withAll = true)
    {
        foreach (var option in Every.Where(o => withAll || (o != All && o != IncludeLossy)))
        {
            command.Options.Add(option);
        }
    }

    private static (double X, double Y) ParseCenter(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var y)
            ? (x, y)
            : throw Engine.Errors.MandelPSException.Invalid("Center", $"'{text}' is not x,y (two numbers, '.' as the decimal point)", text);
    }

    public RequestSpec ToSpec(ParseResult parse)
    {
        var viewport = parse.Given(Viewport);
        return new RequestSpec
        {
            Kernel = parse.Given(Kernel),
            All = parse.GetValue(All),
            Width = parse.Given(Width),
            Height = parse.Given(Height),
            MaxIterations = parse.Given(MaxIterations),
            Precision = parse.Given(Precision),
            Threads = parse.Given(Threads),
            VectorWidth = parse.Given(VectorWidth),
            BlockSize = parse.Given(BlockSize),
            EscapeInterval = parse.Given(EscapeInterval),
            Device = parse.GetValue(Device),
            GroupSize = parse.Given(GroupSize),
            IncludeLossy = parse.GetValue(IncludeLossy),
            Viewport = viewport is null ? null : Engine.Problem.Viewport.Parse(viewport),
            Center = parse.Given(Center) is { } center ? ParseCenter(center) : null,
            Zoom = parse.Given(Zoom),
            TutorialSize = parse.Given(TutorialSize),
            Preset = parse.Given(Preset) ?? RenderPreset.None,
            Size = parse.Given(Size),
            Formula = parse.Given(Formula),
            EscapeRadius = parse.Given(EscapeRadius),
        };
    }
}
