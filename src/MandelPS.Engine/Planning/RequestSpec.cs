using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>
/// What a user asked for, as the one request builder both hosts share: the cmdlets map their parameters
/// here and the CLI its options (property names are the cmdlets' parameter names; the CLI's options are
/// their kebab-case spelling). Null means "not given", so options that contradict each other are
/// errors rather than silently ignored. <see cref="Plan()"/> expands lists into their cross product
/// (like hyperfine's --parameter-list) and resolves every combination into a <see cref="RenderPlan"/>.
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

    /// <summary>Thread counts for parallel kernels (null: one per core); other kernels run once, not per count.</summary>
    public IReadOnlyList<int>? Threads { get; init; }

    public VectorWidth? VectorWidth { get; init; }

    public int? BlockSize { get; init; }

    /// <summary>Iterations between escape tests for LazyEscape (1 makes it exact).</summary>
    public int? EscapeInterval { get; init; }

    /// <summary>The device GPU kernels run on: an index or name pattern from the device list (null: the best GPU).</summary>
    public string? Device { get; init; }

    /// <summary>Work-items per group for GpuGridStride.</summary>
    public int? GroupSize { get; init; }

    /// <summary>With All: the fast-and-wrong variants and the shared-data experiments too, not just the ladder.</summary>
    public bool IncludeLossy { get; init; }

    public Viewport? Viewport { get; init; }

    /// <summary>The tutorial's size argument w: selects pure_python_2.py's grid instead of Width/Height/Viewport.</summary>
    public int? TutorialSize { get; init; }

    public RenderPreset Preset { get; init; } = RenderPreset.None;

    /// <summary>The preset's size (BenchmarksGame: N).</summary>
    public int? Size { get; init; }

    /// <summary>The iteration for the Formula kernels, e.g. "z^3 + c" (null: z^2 + c).</summary>
    public string? Formula { get; init; }

    /// <summary>The escape radius for the Formula kernels (null: 2).</summary>
    public double? EscapeRadius { get; init; }

    /// <summary>With <see cref="TileIndex"/>: the render is split into this many bands of rows, one computed per call.</summary>
    public int? TileCount { get; init; }

    /// <summary>Which tile (0-based) of <see cref="TileCount"/> to compute.</summary>
    public int? TileIndex { get; init; }

    /// <summary>
    /// The tile asked for, checked against the whole render's plan, or null when none was: both or neither
    /// of TileIndex and TileCount, at most one tile per row, and a kernel whose rows can be computed apart.
    /// </summary>
    public (int Index, int Count)? TileOf(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (TileIndex is null && TileCount is null)
        {
            return null;
        }

        var count = TileCount ?? throw MandelPSException.Invalid("TileCount", "required with TileIndex: how many tiles the render is split into");
        var index = TileIndex ?? throw MandelPSException.Invalid("TileIndex", "required with TileCount: which tile to compute, 0..TileCount-1");
        MandelPSException.RequireInRange("TileCount", count, 1, plan.Height);
        MandelPSException.RequireInRange("TileIndex", index, 0, count - 1);
        if (!plan.Kernel.IsRowLocal)
        {
            throw MandelPSException.Invalid("TileCount", $"{plan.Kernel.Name} adds every orbit to the whole image, so it cannot be split into tiles", plan.Kernel.Name);
        }

        return (index, count);
    }

    /// <summary>The gradient an image is drawn in (default Classic; Grey for a .pgm).</summary>
    public PaletteName? Palette { get; init; }

    /// <summary>How counts pick their place on the palette (default Logarithmic).</summary>
    public ColorScale? ColorScale { get; init; }

    /// <summary>
    /// How counts become pixels in an image of <paramref name="format"/> written to <paramref name="target"/>,
    /// checked before any work: a palette the format cannot hold, or a palette or scale with no picture to
    /// apply it to (no image, or a PBM bitmap of membership), is refused.
    /// </summary>
    public ImageStyle StyleFor(ImageFormat? format, string target)
    {
        var colours = format is not (null or ImageFormat.Pbm);
        RefuseWith("Palette", Palette is not null && !colours, "a palette colours an image: write a .png, .ppm or .pgm");
        RefuseWith("ColorScale", ColorScale is not null && !colours, "a colour scale colours an image: write a .png, .ppm or .pgm");
        var defaults = format is { } known ? ImageStyle.DefaultFor(known) : ImageStyle.Default;
        var style = new ImageStyle(Palette ?? defaults.Palette, ColorScale ?? defaults.Scale);
        if (format is { } image)
        {
            style.Check(image, target);
        }

        return style;
    }

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
        var plans = new List<RenderPlan>();
        foreach (var kernel in SelectKernels(errors, skipped))
        {
            foreach (var precision in Values(Precision, [Problem.Precision.Double], nameof(Precision)))
            foreach (var threads in kernel.UsesThreads ? Values<int?>(Threads?.Select(t => (int?)t).ToList(), [null], nameof(Threads)) : [null])
            foreach (var iterations in Values(MaxIterations, [template.MaxIterations], nameof(MaxIterations)))
            foreach (var width in Values(Width, [template.Width], nameof(Width)))
            foreach (var height in Values(Height, [template.Height], nameof(Height)))
            {
                var request = template with
                {
                    Kernel = kernel.Name,
                    Width = width,
                    Height = height,
                    MaxIterations = iterations,
                    Precision = precision,
                    Options = new KernelOptions
                    {
                        Threads = threads,
                        BlockSize = kernel.DefaultBlockSize is null ? null : BlockSize,
                        EscapeInterval = kernel.DefaultEscapeInterval is null ? null : EscapeInterval,
                        Device = Device,
                        GroupSize = kernel.DefaultGroupSize is null ? null : GroupSize,
                        VectorWidth = kernel.UsesSimd ? VectorWidth ?? Problem.VectorWidth.Auto : Problem.VectorWidth.Auto,
                    },
                };
                try
                {
                    plans.Add(RenderPlan.Create(request, countsInMemory));
                }
                catch (MandelPSException e) when (e.Kind == ErrorKind.KernelUnavailable)
                {
                    if (All)
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

        return new SweepPlan(plans, skipped.Distinct().ToList(), errors);
    }

    /// <summary>The one plan a single render asks for; a sweep or a bad kernel is an error here.</summary>
    public RenderPlan PlanOne(bool countsInMemory = true)
    {
        var sweep = Plan(countsInMemory);
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

    /// <summary>The request every combination starts from: grid, viewport and what a preset fixes.</summary>
    private RenderRequest ProblemTemplate() => FormulaFree() with
    {
        Formula = Formula ?? Formulas.Formula.DefaultText,
        EscapeRadius = EscapeRadius ?? Formulas.Formula.DefaultEscapeRadius,
    };

    /// <summary>The problem without its formula: grid, viewport and what a preset fixes.</summary>
    private RenderRequest FormulaFree()
    {
        // Checked here, not only by the kernels that honour them: a bad value is wrong whatever runs.
        foreach (var threads in Threads ?? [])
        {
            MandelPSException.RequireInRange("Threads", threads, KernelOptions.MinThreads, KernelOptions.MaxThreads);
        }

        if (BlockSize is { } block)
        {
            MandelPSException.RequireInRange("BlockSize", block, KernelOptions.MinBlockSize, KernelOptions.MaxBlockSize);
        }

        if (EscapeInterval is { } interval)
        {
            MandelPSException.RequireInRange("EscapeInterval", interval, KernelOptions.MinEscapeInterval, KernelOptions.MaxEscapeInterval);
        }

        if (GroupSize is { } group)
        {
            MandelPSException.RequireInRange("GroupSize", group, KernelOptions.MinGroupSize, KernelOptions.MaxGroupSize);
        }

        if (Device is { } device && string.IsNullOrWhiteSpace(device))
        {
            throw MandelPSException.Invalid("Device", "is empty; give a device index or a name pattern from the device list (Get-KernelDevice, mandelps devices)");
        }

        if (Kernel is { Count: > 0 } && All)
        {
            throw MandelPSException.Invalid("All", "not allowed with a kernel name: name kernels or ask for all of them");
        }

        RefuseWith("IncludeLossy", IncludeLossy && !All, "it widens All: name the lossy kernels, or ask for All too");
        if (Preset != RenderPreset.None)
        {
            if (!Enum.IsDefined(Preset))
            {
                throw MandelPSException.Invalid("Preset", $"{(int)Preset} is not one of {string.Join(", ", Enum.GetNames<RenderPreset>())}");
            }

            RefuseWith("Viewport", Viewport is not null, "a preset fixes the viewport");
            RefuseWith("Width", Width is not null, "with a preset the size sets the width");
            RefuseWith("Height", Height is not null, "with a preset the size sets the height");
            RefuseWith("MaxIterations", MaxIterations is not null, "a preset fixes the iteration limit");
            RefuseWith("TutorialSize", TutorialSize is not null, "a preset fixes the grid");
            var size = Size ?? throw MandelPSException.Invalid("Size", "required with a Preset (BenchmarksGame: N, the image is N x N)");
            return new RenderRequest { Grid = GridStyle.BenchmarksGame, Width = size, Height = size, MaxIterations = RenderPresets.BenchmarksGameIterations };
        }

        RefuseWith("Size", Size is not null, "it is a preset's size: name the preset, or give a width and height instead");
        if (TutorialSize is { } tutorialSize)
        {
            RefuseWith("Width", Width is not null, "the tutorial grid derives its width from its size");
            RefuseWith("Height", Height is not null, "the tutorial grid derives its height from its size");
            RefuseWith("Viewport", Viewport is not null, "the tutorial grid has its own viewport");
            return new RenderRequest { Grid = GridStyle.Tutorial, TutorialSize = tutorialSize, Width = 1, Height = 1 };
        }

        return new RenderRequest { Viewport = Viewport ?? Problem.Viewport.Tutorial };
    }

    private List<Kernel> SelectKernels(List<MandelPSException> errors, List<SkippedKernel> skipped)
    {
        if (All)
        {
            // A formula other than z^2 + c is for the Formula kernels alone; they join the default's -All only as experiments.
            return HasOwnFormula()
                ? [.. KernelRegistry.All.OfType<FormulaKernel>()]
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

/// <summary>The plans a <see cref="RequestSpec"/> expands to, the kernels skipped, and the per-kernel errors.</summary>
public sealed record SweepPlan(IReadOnlyList<RenderPlan> Plans, IReadOnlyList<SkippedKernel> Skipped, IReadOnlyList<MandelPSException> Errors);
