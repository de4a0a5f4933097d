using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>
/// What a user asked for, as the one request builder both hosts share: the cmdlets map their parameters
/// here and the CLI its options (property names are the cmdlets' parameter names; the CLI's options are
/// their kebab-case spelling). Null means "not given", so options that contradict each other are
/// errors rather than silently ignored. <see cref="Plan()"/> expands lists into their cross product
/// (like hyperfine's --parameter-list) and resolves every combination into a <see cref="RenderPlan"/>;
/// an option only some of the chosen kernels honour is given to those, with a warning naming the rest.
/// </summary>
public sealed record RequestSpec
{
    /// <summary>Kernel names or wildcard patterns; null runs the default kernel (the reference, or a preset's own).</summary>
    public IReadOnlyList<string>? Kernel { get; init; }

    /// <summary>Every kernel; ones that cannot run here (or in a precision asked for) are skipped with the reason.</summary>
    public bool All { get; init; }

    public IReadOnlyList<int>? Width { get; init; }

    public IReadOnlyList<int>? Height { get; init; }

    public IReadOnlyList<int>? MaxIterations { get; init; }

    public IReadOnlyList<Precision>? Precision { get; init; }

    /// <summary>Thread counts for kernels that honour Threads (null: one per core); other kernels run once, not per count.</summary>
    public IReadOnlyList<int>? Threads { get; init; }

    public VectorWidth? VectorWidth { get; init; }

    /// <summary>Pixels per block for kernels that work in blocks; several values sweep.</summary>
    public IReadOnlyList<int>? BlockSize { get; init; }

    /// <summary>Iterations between escape tests for LazyEscape (1 makes it exact); several values sweep.</summary>
    public IReadOnlyList<int>? EscapeInterval { get; init; }

    /// <summary>The device GPU kernels run on: an index or name pattern from the device list (null: the best GPU).</summary>
    public string? Device { get; init; }

    /// <summary>Work-items per group for kernels launched in groups; several values sweep.</summary>
    public IReadOnlyList<int>? GroupSize { get; init; }

    /// <summary>With All: the fast-and-wrong variants and the shared-data experiments too, not just the ladder.</summary>
    public bool IncludeLossy { get; init; }

    public Viewport? Viewport { get; init; }

    /// <summary>The point the image is centred on (x + yi): with <see cref="Zoom"/>, aims a viewport of the image's own shape.</summary>
    public (double X, double Y)? Center { get; init; }

    /// <summary>Magnification over the whole set (1: the tutorial's view, fitted to the image's shape).</summary>
    public double? Zoom { get; init; }

    /// <summary>The tutorial's size argument w: selects pure_python_2.py's grid instead of Width/Height/Viewport.</summary>
    public int? TutorialSize { get; init; }

    public RenderPreset Preset { get; init; } = RenderPreset.None;

    /// <summary>The preset's size (BenchmarksGame: N).</summary>
    public int? Size { get; init; }

    /// <summary>The iteration for the Formula kernels, e.g. "z^3 + c" (null: z^2 + c).</summary>
    public string? Formula { get; init; }

    /// <summary>The escape radius for the Formula kernels (null: 2).</summary>
    public double? EscapeRadius { get; init; }

    /// <summary>
    /// Every combination as a plan, in a stable kernel-major order. Bad values and contradictions throw at
    /// once (they spoil every combination); a kernel that is unknown or cannot run here is an error of its
    /// own in <see cref="SweepPlan.Errors"/> (the others still run), or, under <see cref="All"/>, a skip.
    /// </summary>
    public SweepPlan Plan() => Plan(countsInMemory: true);

    /// <summary>
    /// The same; with <paramref name="countsInMemory"/> false the plans are for renders that never hold the
    /// whole image's counts (streamed to a file, tiles), so only a band of rows must fit in memory.
    /// </summary>
    public SweepPlan Plan(bool countsInMemory)
    {
        var template = ProblemTemplate();
        var errors = new List<MandelPSException>();
        var skipped = new List<SkippedKernel>();
        var warnings = new List<string>();
        var plans = new List<RenderPlan>();
        var matched = new HashSet<Kernel>();
        var kernels = HonouredBy(SelectKernels(errors, skipped, matched), warnings);
        foreach (var kernel in kernels)
        {
            foreach (var precision in Values(Precision, [Problem.Precision.Double], nameof(Precision)))
            foreach (var options in OptionsFor(kernel))
            foreach (var iterations in Values(MaxIterations, [template.MaxIterations], nameof(MaxIterations)))
            foreach (var width in Values(Width, [template.Width], nameof(Width)))
            foreach (var height in Values(Height, [template.Height], nameof(Height)))
            {
                var request = template with { Kernel = kernel.Name, Width = width, Height = height, MaxIterations = iterations, Precision = precision, Options = options };
                request = Aimed(request);
                try
                {
                    plans.Add(RenderPlan.Create(request, countsInMemory));
                }
                catch (MandelPSException e) when (e.Kind == ErrorKind.KernelUnavailable)
                {
                    // Asked for by name it is an error; swept up by All or a wildcard, a skip with the reason.
                    if (All || matched.Contains(kernel))
                    {
                        skipped.Add(new SkippedKernel(kernel.Name, e.Problem));
                    }
                    else if (!errors.Any(known => known.Message == e.Message))
                    {
                        errors.Add(e);
                    }
                }
            }
        }

        return new SweepPlan(plans, skipped.Distinct().ToList(), errors, warnings);
    }

    /// <summary>The one plan a single render asks for; a sweep or a bad kernel is an error here, a passed-over option a warning to <paramref name="warn"/>.</summary>
    public RenderPlan PlanOne(bool countsInMemory = true, Action<string>? warn = null)
    {
        var sweep = Plan(countsInMemory);
        foreach (var warning in sweep.Warnings)
        {
            warn?.Invoke(warning);
        }

        if (sweep.Errors.Count > 0)
        {
            throw sweep.Errors[0];
        }

        if (sweep.Plans.Count != 1)
        {
            throw MandelPSException.Invalid("Kernel", $"this asks for {sweep.Plans.Count} renders; a render takes exactly one kernel and one value of each size parameter");
        }

        return sweep.Plans[0];
    }

    /// <summary>Which options were given (a formula only when it is not z^2 + c at 2, which every kernel solves).</summary>
    private IEnumerable<(OptionName Name, bool Given)> Given() =>
    [
        (OptionName.Threads, Threads is not null),
        (OptionName.VectorWidth, VectorWidth is not null),
        (OptionName.BlockSize, BlockSize is not null),
        (OptionName.EscapeInterval, EscapeInterval is not null),
        (OptionName.Device, Device is not null),
        (OptionName.GroupSize, GroupSize is not null),
        (OptionName.Formula, HasOwnFormula()),
    ];

    /// <summary>This request for one kernel: the options it does not honour left out (<see cref="CheckHonoured"/> says so once for all).</summary>
    public RequestSpec For(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return this with
        {
            Kernel = [kernel.Name],
            All = false,
            IncludeLossy = false,
            Threads = kernel.Honours(OptionName.Threads) ? Threads : null,
            VectorWidth = kernel.Honours(OptionName.VectorWidth) ? VectorWidth : null,
            BlockSize = kernel.Honours(OptionName.BlockSize) ? BlockSize : null,
            EscapeInterval = kernel.Honours(OptionName.EscapeInterval) ? EscapeInterval : null,
            Device = kernel.Honours(OptionName.Device) ? Device : null,
            GroupSize = kernel.Honours(OptionName.GroupSize) ? GroupSize : null,
        };
    }

    /// <summary>
    /// For a run of <paramref name="kernels"/> that a caller plans one by one (<see cref="For"/>): an option
    /// none of them honours is an error naming it, one only some honour a warning naming the others.
    /// </summary>
    public static void CheckHonoured(RequestSpec spec, IReadOnlyList<Kernel> kernels, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.HonouredBy([.. kernels], warnings);
    }

    /// <summary>
    /// The kernels that run: an option none of them honours is an error naming it; one only some honour
    /// goes to those, with a warning naming the others, except a formula: a kernel that cannot solve it
    /// would solve another problem, so it is left out with the warning.
    /// </summary>
    private List<Kernel> HonouredBy(List<Kernel> kernels, List<string> warnings)
    {
        if (kernels.Count == 0)
        {
            return kernels;
        }

        foreach (var (option, given) in Given().Where(g => g.Given))
        {
            var honouring = kernels.Where(k => k.Honours(option)).ToList();
            var parameter = option == OptionName.Formula && Formula is null ? nameof(EscapeRadius) : option.ToString();
            if (honouring.Count == 0)
            {
                var users = KernelRegistry.All.Where(k => k.Honours(option)).Select(k => k.Name).ToList();
                throw MandelPSException.Invalid(parameter,
                    $"{Names(kernels)} {(kernels.Count == 1 ? "does" : "do")} not use it; it applies to {(users.Count == 0 ? "no kernel installed here" : Names(users))}", parameter);
            }

            var others = kernels.Except(honouring).ToList();
            if (others.Count == 0)
            {
                continue;
            }

            if (option == OptionName.Formula)
            {
                warnings.Add($"@{parameter} applies to {Names(honouring)} only; skipping {Names(others)}, which {(others.Count == 1 ? "solves" : "solve")} z^2 + c escaping at 2 alone.");
                kernels = honouring;
            }
            else
            {
                warnings.Add($"@{parameter} applies to {Names(honouring)} only; {Names(others)} {(others.Count == 1 ? "runs" : "run")} without it.");
            }
        }

        return kernels;
    }

    private static string Names(IEnumerable<Kernel> kernels) => Names(kernels.Select(k => k.Name));

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);

    /// <summary>Every combination of the options this kernel honours; the ones it does not are never passed to it.</summary>
    private IEnumerable<KernelOptions> OptionsFor(Kernel kernel)
    {
        IReadOnlyList<int?> Of(OptionName option, IReadOnlyList<int>? values, string parameter) =>
            kernel.Honours(option) ? Values<int?>(values?.Select(v => (int?)v).ToList(), [null], parameter).ToList() : [null];

        foreach (var threads in Of(OptionName.Threads, Threads, nameof(Threads)))
        foreach (var block in Of(OptionName.BlockSize, BlockSize, nameof(BlockSize)))
        foreach (var interval in Of(OptionName.EscapeInterval, EscapeInterval, nameof(EscapeInterval)))
        foreach (var group in Of(OptionName.GroupSize, GroupSize, nameof(GroupSize)))
        {
            yield return new KernelOptions
            {
                Threads = threads,
                BlockSize = block,
                EscapeInterval = interval,
                GroupSize = group,
                Device = kernel.Honours(OptionName.Device) ? Device : null,
                VectorWidth = kernel.Honours(OptionName.VectorWidth) ? VectorWidth ?? Problem.VectorWidth.Auto : Problem.VectorWidth.Auto,
            };
        }
    }

    /// <summary>The request every combination starts from: grid, viewport, what a preset fixes, the formula.</summary>
    private RenderRequest ProblemTemplate()
    {
        CheckRanges();
        if (Kernel is { Count: > 0 } && All)
        {
            throw MandelPSException.Invalid("All", "not allowed with a kernel name: name kernels or ask for all of them");
        }

        RefuseWith("IncludeLossy", IncludeLossy && !All, "it widens All: name the lossy kernels, or ask for All too");
        return Grid() with
        {
            Formula = Formula ?? Formulas.Formula.DefaultText,
            EscapeRadius = EscapeRadius ?? Formulas.Formula.DefaultEscapeRadius,
        };
    }

    /// <summary>Checked here, not only by the plan: a bad value is wrong whatever kernel would run it.</summary>
    private void CheckRanges()
    {
        foreach (var threads in Threads ?? [])
        {
            MandelPSException.RequireInRange("Threads", threads, KernelOptions.MinThreads, KernelOptions.MaxThreads);
        }

        foreach (var block in BlockSize ?? [])
        {
            MandelPSException.RequireInRange("BlockSize", block, KernelOptions.MinBlockSize, KernelOptions.MaxBlockSize);
        }

        foreach (var interval in EscapeInterval ?? [])
        {
            MandelPSException.RequireInRange("EscapeInterval", interval, KernelOptions.MinEscapeInterval, KernelOptions.MaxEscapeInterval);
        }

        foreach (var group in GroupSize ?? [])
        {
            MandelPSException.RequireInRange("GroupSize", group, KernelOptions.MinGroupSize, KernelOptions.MaxGroupSize);
        }

        if (Device is { } device && string.IsNullOrWhiteSpace(device))
        {
            throw MandelPSException.Invalid("Device", "is empty; give a device index or a name pattern from the device list (@@devices)");
        }

        if (VectorWidth is { } width && !Enum.IsDefined(width))
        {
            throw MandelPSException.Invalid("VectorWidth", $"{(int)width} is not one of {string.Join(", ", Enum.GetNames<VectorWidth>())}");
        }
    }

    /// <summary>
    /// The grid: a preset's, the tutorial's or a viewport's. What a preset or the tutorial grid derives
    /// (the width, height, iterations) may be given too, if it agrees: a saved row carries those columns,
    /// so piping it back asks for the same problem; a value that disagrees is an error.
    /// </summary>
    private RenderRequest Grid()
    {
        if (Preset != RenderPreset.None)
        {
            if (!Enum.IsDefined(Preset))
            {
                throw MandelPSException.Invalid("Preset", $"{(int)Preset} is not one of {string.Join(", ", Enum.GetNames<RenderPreset>())}");
            }

            RefuseWith("Viewport", Viewport is not null, "a preset fixes the viewport");
            RefuseWith("TutorialSize", TutorialSize is not null, "a preset fixes the grid");
            var size = Size ?? throw MandelPSException.Invalid("Size", "required with a Preset (BenchmarksGame: N, the image is N x N)");
            MandelPSException.RequireInRange("Size", size, Limits.MinSize, Limits.MaxSize);
            RequireAgreement("Width", Width, size, $"the preset's size {size} sets the width");
            RequireAgreement("Height", Height, size, $"the preset's size {size} sets the height");
            RequireAgreement("MaxIterations", MaxIterations, RenderPresets.BenchmarksGameIterations, $"the preset fixes {RenderPresets.BenchmarksGameIterations} iterations");
            return new RenderRequest { Grid = GridStyle.BenchmarksGame, Width = size, Height = size, MaxIterations = RenderPresets.BenchmarksGameIterations };
        }

        RefuseWith("Size", Size is not null, "it is a preset's size: name the preset, or give a width and height instead");
        if (Center is not null || Zoom is not null)
        {
            RefuseWith("Viewport", Viewport is not null, "@Center and @Zoom aim the viewport: give one or the other");
            RefuseWith("TutorialSize", TutorialSize is not null, "the tutorial grid has its own viewport");
            if (Center is { } center && !(double.IsFinite(center.X) && double.IsFinite(center.Y)))
            {
                throw MandelPSException.Invalid("Center", "give two finite numbers, x and y");
            }

            MandelPSException.RequireInRange("Zoom", Zoom ?? 1, MinZoom, MaxZoom);
        }
        if (TutorialSize is { } tutorialSize)
        {
            RefuseWith("Viewport", Viewport is not null, "the tutorial grid has its own viewport");
            MandelPSException.RequireInRange("TutorialSize", tutorialSize, Limits.MinTutorialSize, Limits.MaxTutorialSize);
            if (Width is not null || Height is not null)
            {
                var grid = PixelGrid.Tutorial(tutorialSize);
                RequireAgreement("Width", Width, grid.Width, $"the tutorial grid of size {tutorialSize} is {grid.Width}x{grid.Height}");
                RequireAgreement("Height", Height, grid.Height, $"the tutorial grid of size {tutorialSize} is {grid.Width}x{grid.Height}");
            }

            return new RenderRequest { Grid = GridStyle.Tutorial, TutorialSize = tutorialSize, Width = 1, Height = 1 };
        }

        return new RenderRequest { Viewport = Viewport ?? Problem.Viewport.Tutorial };
    }

    public const double MinZoom = 1e-3;
    public const double MaxZoom = 1e15;

    /// <summary>The tutorial's view, whose whole fits any image at zoom 1.</summary>
    private static readonly Viewport WholeSet = Problem.Viewport.Tutorial;

    /// <summary>
    /// The viewport <see cref="Center"/> and <see cref="Zoom"/> aim for this request's pixels: the tutorial's view
    /// fitted inside an image of this shape (so no pixel is stretched), magnified and moved; else the request as is.
    /// </summary>
    private RenderRequest Aimed(RenderRequest request)
    {
        if (Center is null && Zoom is null)
        {
            return request;
        }

        var (x, y) = Center ?? ((WholeSet.XMin + WholeSet.XMax) / 2, (WholeSet.YMin + WholeSet.YMax) / 2);
        var zoom = Zoom ?? 1;
        var aspect = (double)request.Width / request.Height;
        var (spanX, spanY) = (WholeSet.XMax - WholeSet.XMin, WholeSet.YMax - WholeSet.YMin);
        (spanX, spanY) = spanX / spanY > aspect ? (spanX, spanX / aspect) : (spanY * aspect, spanY);
        return request with { Viewport = Problem.Viewport.Around(x, y, spanX / zoom, spanY / zoom) };
    }

    /// <summary>The kernels asked for; those that a wildcard pattern matched (rather than a name) go into <paramref name="matched"/>.</summary>
    private List<Kernel> SelectKernels(List<MandelPSException> errors, List<SkippedKernel> skipped, HashSet<Kernel> matched)
    {
        if (All)
        {
            // A formula other than z^2 + c is for the Formula kernels alone; they join the default's -All only as experiments.
            return HasOwnFormula()
                ? [.. KernelRegistry.All.Where(k => k.Honours(OptionName.Formula))]
                : [.. KernelRegistry.All.Where(k => k.InLadder || IncludeLossy)];
        }

        var patterns = Kernel is { Count: > 0 } ? Kernel : [RenderPresets.DefaultKernel(Preset)];
        var kernels = new List<Kernel>();
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                throw MandelPSException.Invalid("Kernel", $"a kernel name is required; valid names: {string.Join(", ", KernelRegistry.Names)}");
            }

            try
            {
                var matches = KernelRegistry.Resolve(pattern);
                if (matches.Count == 0)
                {
                    skipped.Add(new SkippedKernel(pattern, "the pattern matches no kernel"));
                }

                if (Wildcard.HasWildcards(pattern))
                {
                    matched.UnionWith(matches.Where(k => !kernels.Contains(k)));
                }

                kernels.AddRange(matches.Where(k => !kernels.Contains(k)));
            }
            catch (MandelPSException e) when (e.Kind == ErrorKind.UnknownKernel)
            {
                errors.Add(e);
            }
        }

        return kernels;
    }

    private bool HasOwnFormula() =>
        (Formula is not null || EscapeRadius is not null)
        && !Formulas.Formula.Parse(Formula ?? Formulas.Formula.DefaultText, EscapeRadius ?? Formulas.Formula.DefaultEscapeRadius).IsDefault;

    private static void RefuseWith(string parameter, bool given, string why)
    {
        if (given)
        {
            throw MandelPSException.Invalid(parameter, $"not allowed here: {why}");
        }
    }

    private static void RequireAgreement(string parameter, IReadOnlyList<int>? given, int derived, string why)
    {
        if (given?.Where(v => v != derived).Select(v => (int?)v).FirstOrDefault() is { } other)
        {
            throw MandelPSException.Invalid(parameter, $"{other} contradicts the grid: {why} ({derived}); leave it out or give {derived}", other);
        }
    }

    private static IEnumerable<T> Values<T>(IReadOnlyList<T>? values, IReadOnlyList<T> defaults, string parameter)
    {
        if (values is null)
        {
            return defaults;
        }

        if (values.Count == 0)
        {
            throw MandelPSException.Invalid(parameter, "give at least one value");
        }

        return values.Distinct();
    }
}

/// <summary>A kernel (or pattern) left out of a run, and why: shown as a warning, never silently.</summary>
public sealed record SkippedKernel(string Kernel, string Reason);

/// <summary>The plans a <see cref="RequestSpec"/> expands to, the kernels skipped, the per-kernel errors, and warnings about options some kernels ignore.</summary>
public sealed record SweepPlan(IReadOnlyList<RenderPlan> Plans, IReadOnlyList<SkippedKernel> Skipped, IReadOnlyList<MandelPSException> Errors, IReadOnlyList<string> Warnings);
