using MandelPS.Engine.Errors;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Planning;

/// <summary>
/// A request validated once and resolved against its kernel and this machine: every range checked, the
/// kernel found and able to run here in this precision, each option it declares resolved into
/// <see cref="Settings"/> (and any it does not declare refused), the memory known to fit and the grid
/// built. Immutable; rendering, measurement, comparison, images and the cost map all take a plan, never
/// a raw request, and every row they write copies its <see cref="Identity"/>.
/// </summary>
public sealed class RenderPlan
{
    private readonly KernelTarget _target;

    private RenderPlan(RenderRequest request, Kernel kernel, PixelGrid grid, KernelSettings settings, Formula formula, KernelTarget target, RowBand band, RequestIdentity identity)
    {
        _target = target;
        Request = request;
        Kernel = kernel;
        Formula = formula;
        Grid = grid;
        Settings = settings;
        Band = band;
        Identity = identity;
    }

    /// <summary>The request as asked (the kernel as the registry spells it); what runs is in <see cref="Settings"/>.</summary>
    public RenderRequest Request { get; }

    public Kernel Kernel { get; }

    /// <summary>The options the kernel runs with, resolved; null where it does not honour one.</summary>
    public KernelSettings Settings { get; }

    /// <summary>The whole request (not a band's) as one value: what rows, tiles, caches and comparisons match on.</summary>
    public RequestIdentity Identity { get; }

    /// <summary>The request's formula, parsed and checked (z^2 + c unless a Formula kernel was given another).</summary>
    public Formula Formula { get; }

    /// <summary>
    /// The kernel whose counts this plan's must equal: the kernel's own reference, except that a
    /// formula other than z^2 + c escaping at 2 has no Expanded to compare with: FormulaSpecialized is its reference.
    /// </summary>
    public string ReferenceKernel => Formula.IsDefault ? Kernel.Reference : FormulaKernel.ReferenceFor(Formula);

    /// <summary>The grid this plan computes: the request's whole grid, or the rows of <see cref="Band"/>.</summary>
    public PixelGrid Grid { get; }

    /// <summary>The rows of the whole request this plan computes: all of them, or one band (a streaming render's, a tile's).</summary>
    public RowBand Band { get; }

    /// <summary>Rows of the whole request (<see cref="Height"/> is this plan's band's).</summary>
    public int FullHeight => Identity.Height;

    /// <summary>The SIMD width that runs (always hardware-accelerated), or None for kernels without SIMD.</summary>
    public VectorWidth VectorWidth => Settings.VectorWidth ?? VectorWidth.None;

    /// <summary>Worker threads that run (1 for kernels that do not spread work).</summary>
    public int Threads => Settings.Threads ?? 1;

    /// <summary>Pixels per block that run (0 for kernels that do not work in blocks).</summary>
    public int BlockSize => Settings.BlockSize ?? 0;

    /// <summary>Iterations between escape tests (0 for kernels that test every iteration).</summary>
    public int EscapeInterval => Settings.EscapeInterval ?? 0;

    /// <summary>The device that runs the kernel, by name: "CPU" for CPU kernels (its id is in <see cref="Settings"/>).</summary>
    public string DeviceName => _target.DeviceName;

    /// <summary>True if the counts must equal the reference bit for bit on this device (the kernel's claim, narrowed by the device).</summary>
    public bool IsExact => _target.IsExact;

    public int Width => Grid.Width;

    public int Height => Grid.Height;

    public int MaxIterations => Request.MaxIterations;

    public Precision Precision => Request.Precision;

    /// <summary>What was solved, without kernel and tuning: plans with equal keys have equal reference counts.</summary>
    public string ProblemKey => Identity.ProblemKey;

    /// <summary>Validates a request and resolves it, or throws the one <see cref="MandelPSException"/> that says why not.</summary>
    public static RenderPlan Create(RenderRequest request) => Create(request, countsInMemory: true);

    /// <summary>
    /// The same; with <paramref name="countsInMemory"/> false the whole image's counts are never held (a
    /// streaming render, a tile), so only a band must fit in memory, checked by <see cref="Rows"/>.
    /// </summary>
    public static RenderPlan Create(RenderRequest request, bool countsInMemory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateProblem(request, countsInMemory);
        var kernel = KernelRegistry.Get(request.Kernel);
        return Create(request with { Kernel = kernel.Name }, kernel, sameGrid: null, countsInMemory);
    }

    /// <summary>
    /// Rows <paramref name="band"/> of this plan, computed exactly as the whole render computes them: the same
    /// kernel and settings on a sub-grid of the same coordinates. Only kernels whose counts are per pixel can
    /// be split (<see cref="Kernel.IsRowLocal"/>). The band's counts must fit in memory.
    /// </summary>
    public RenderPlan Rows(RowBand band)
    {
        if (!Kernel.IsRowLocal && !(band.First == 0 && band.Count == Height))
        {
            throw MandelPSException.Invalid("Kernel", $"{Kernel.Name} adds every orbit to the whole image, so its rows cannot be computed apart; render it whole", Kernel.Name);
        }

        MemoryBudget.EnsureFits(Width, band.Count, Kernel.WorkingBytesPerPixel);
        return new RenderPlan(Request, Kernel, Grid.Rows(band.First, band.Count), Settings, Formula, _target, new RowBand(Band.First + band.First, band.Count), Identity);
    }

    /// <summary>The same problem on the same grid (and band) solved by another kernel, precision or options.</summary>
    public RenderPlan With(string kernel, Precision precision, KernelOptions options)
    {
        var resolved = KernelRegistry.Get(kernel);
        var whole = Create(Request with { Kernel = resolved.Name, Precision = precision, Options = options }, resolved, this, countsInMemory: true);
        return new RenderPlan(whole.Request, whole.Kernel, Grid, whole.Settings, whole.Formula, whole._target, Band, whole.Identity);
    }

    /// <summary>
    /// The same problem on the same grid by another kernel, in <paramref name="precision"/>, with this plan's
    /// settings where that kernel honours them: a lossy variant's exact twin runs on the same threads and width.
    /// </summary>
    public RenderPlan Twin(string kernel, Precision precision)
    {
        var other = KernelRegistry.Get(kernel);
        var mine = Settings.ToOptions();
        return With(other.Name, precision, new KernelOptions
        {
            Threads = other.Honours(OptionName.Threads) ? mine.Threads : null,
            VectorWidth = other.Honours(OptionName.VectorWidth) ? mine.VectorWidth : VectorWidth.Auto,
            BlockSize = other.Honours(OptionName.BlockSize) ? mine.BlockSize : null,
            EscapeInterval = other.Honours(OptionName.EscapeInterval) ? mine.EscapeInterval : null,
            Device = other.Honours(OptionName.Device) ? mine.Device : null,
            GroupSize = other.Honours(OptionName.GroupSize) ? mine.GroupSize : null,
        });
    }

    /// <summary>The kernel's reference on the same grid, in the same precision: what an exact kernel must equal.</summary>
    public RenderPlan Reference() => With(ReferenceKernel, Precision, KernelOptions.Default);

    /// <summary>This plan on one thread: the twin a parallel kernel's efficiency is measured against.</summary>
    public RenderPlan OneThread() => With(Kernel.Name, Precision, Settings.ToOptions() with { Threads = 1 });

    /// <summary>A plan for a kernel outside the registry (the harness's own tests and its overhead probe).</summary>
    internal static RenderPlan ForKernel(RenderRequest request, Kernel kernel)
    {
        ValidateProblem(request, countsInMemory: true);
        return Create(request with { Kernel = kernel.Name }, kernel, sameGrid: null, countsInMemory: true);
    }

    /// <summary>Resolves a request for a kernel on a new grid, or on <paramref name="sameGrid"/>'s whole grid.</summary>
    private static RenderPlan Create(RenderRequest request, Kernel kernel, RenderPlan? sameGrid, bool countsInMemory)
    {
        // A value out of its range is wrong whatever runs it: said before what the kernel or device makes of it.
        CheckRanges(request.Options);
        var target = kernel.TargetFor(request);
        if (!target.Availability.IsAvailable)
        {
            throw Unavailable(kernel, target.Availability.Reason ?? "it cannot run on this machine", request.Options.Device is null ? "Kernel" : "Device");
        }

        if (!kernel.Supports(request.Precision))
        {
            throw Unavailable(kernel, $"it does not compute in {request.Precision} (it supports {string.Join(", ", kernel.Precisions)})", "Precision");
        }

        var settings = Resolve(kernel, request.Options, target);
        var formula = Formula.Parse(request.Formula, request.EscapeRadius);
        if (!formula.IsDefault && !kernel.Honours(OptionName.Formula))
        {
            throw MandelPSException.Invalid("Formula",
                $"{kernel.Name} solves z^2 + c escaping at 2 only; for '{formula.Text}' (escape radius {formula.EscapeRadius.ToString(System.Globalization.CultureInfo.InvariantCulture)}) name a Formula kernel: {string.Join(", ", KernelRegistry.All.Where(k => k.Honours(OptionName.Formula)).Select(k => k.Name))}", formula.Text);
        }

        var grid = sameGrid is null ? PixelGrid.For(request) : null;
        if (grid is not null)
        {
            RequireFiniteCoordinates(grid);
            if (countsInMemory)
            {
                MemoryBudget.EnsureFits(grid.Width, grid.Height, kernel.WorkingBytesPerPixel);
            }
        }

        var (width, height) = sameGrid is null ? (grid!.Width, grid.Height) : (sameGrid.Width, sameGrid.FullHeight);
        var identity = RequestIdentity.Of(request, kernel, settings, width, height);
        return new RenderPlan(request, kernel, grid ?? sameGrid!.Grid, settings, formula, target, new RowBand(0, height), identity);
    }

    /// <summary>
    /// Checks the options asked for against the kernel's declarations and resolves each declared one: the
    /// value asked, else the kernel's default, else this machine's (cores, widest accelerated width) or the
    /// device's (its id, the group size it takes). An option the kernel does not declare is an error.
    /// </summary>
    private static KernelSettings Resolve(Kernel kernel, KernelOptions options, KernelTarget target)
    {
        RefuseUndeclared(kernel, OptionName.Threads, options.Threads is not null);
        RefuseUndeclared(kernel, OptionName.BlockSize, options.BlockSize is not null);
        RefuseUndeclared(kernel, OptionName.EscapeInterval, options.EscapeInterval is not null);
        RefuseUndeclared(kernel, OptionName.GroupSize, options.GroupSize is not null);
        RefuseUndeclared(kernel, OptionName.Device, options.Device is not null);
        RefuseUndeclared(kernel, OptionName.VectorWidth, options.VectorWidth != VectorWidth.Auto);

        int? Declared(OptionName name, int? asked) => kernel.Option(name) is { } option ? asked ?? option.DefaultValue : null;
        return new KernelSettings
        {
            Threads = kernel.Honours(OptionName.Threads) ? options.Threads ?? Environment.ProcessorCount : null,
            VectorWidth = kernel.Honours(OptionName.VectorWidth) ? VectorWidths.Resolve(options.VectorWidth, kernel.Name) : null,
            BlockSize = Declared(OptionName.BlockSize, options.BlockSize),
            EscapeInterval = Declared(OptionName.EscapeInterval, options.EscapeInterval),
            Device = kernel.Honours(OptionName.Device) ? target.DeviceId : null,
            GroupSize = kernel.Honours(OptionName.GroupSize) ? target.GroupSize ?? Declared(OptionName.GroupSize, options.GroupSize) : null,
        };
    }

    private static void CheckRanges(KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.VectorWidth))
        {
            throw MandelPSException.Invalid("VectorWidth", $"{(int)options.VectorWidth} is not one of {string.Join(", ", Enum.GetNames<VectorWidth>())}");
        }

        if (options.Threads is { } threads)
        {
            MandelPSException.RequireInRange("Threads", threads, KernelOptions.MinThreads, KernelOptions.MaxThreads);
        }

        if (options.BlockSize is { } block)
        {
            MandelPSException.RequireInRange("BlockSize", block, KernelOptions.MinBlockSize, KernelOptions.MaxBlockSize);
        }

        if (options.EscapeInterval is { } interval)
        {
            MandelPSException.RequireInRange("EscapeInterval", interval, KernelOptions.MinEscapeInterval, KernelOptions.MaxEscapeInterval);
        }

        if (options.GroupSize is { } group)
        {
            MandelPSException.RequireInRange("GroupSize", group, KernelOptions.MinGroupSize, KernelOptions.MaxGroupSize);
        }

        if (options.Device is { Length: 0 })
        {
            throw MandelPSException.Invalid("Device", "is empty; give a device index or a name pattern from the device list (@@devices)");
        }
    }

    private static void RefuseUndeclared(Kernel kernel, OptionName option, bool asked)
    {
        if (asked && !kernel.Honours(option))
        {
            var users = KernelRegistry.All.Where(k => k.Honours(option)).Select(k => k.Name).ToList();
            throw MandelPSException.Invalid(option.ToString(),
                $"{kernel.Name} does not use it; it applies to {(users.Count == 0 ? "no kernel installed here" : string.Join(", ", users))}", kernel.Name);
        }
    }

    private static void ValidateProblem(RenderRequest request, bool countsInMemory)
    {
        switch (request.Grid)
        {
            case GridStyle.Linear or GridStyle.BenchmarksGame:
                MandelPSException.RequireInRange("Width", request.Width, Limits.MinSize, Limits.MaxSize);
                MandelPSException.RequireInRange("Height", request.Height, Limits.MinSize, Limits.MaxSize);
                // Refuse an impossible image before building its coordinate vectors.
                if (countsInMemory)
                {
                    MemoryBudget.EnsureFits(request.Width, request.Height, 0);
                }

                break;
            case GridStyle.Tutorial:
                MandelPSException.RequireInRange("TutorialSize", request.TutorialSize, Limits.MinTutorialSize, Limits.MaxTutorialSize);
                break;
            default:
                throw MandelPSException.Invalid("Grid", $"{(int)request.Grid} is not one of {string.Join(", ", Enum.GetNames<GridStyle>())}");
        }

        MandelPSException.RequireInRange("MaxIterations", request.MaxIterations, Limits.MinIterations, Limits.MaxIterations);
        if (!Enum.IsDefined(request.Precision))
        {
            throw MandelPSException.Invalid("Precision", $"{(int)request.Precision} is not one of {string.Join(", ", Enum.GetNames<Precision>())}");
        }

        var v = request.Viewport;
        if (!(double.IsFinite(v.XMin) && double.IsFinite(v.XMax) && double.IsFinite(v.YMin) && double.IsFinite(v.YMax)))
        {
            throw MandelPSException.Invalid("Viewport", $"{v} has a value that is not a finite number", v);
        }

        if (!(v.XMin < v.XMax) || !(v.YMin < v.YMax))
        {
            throw MandelPSException.Invalid("Viewport", $"{v} must satisfy xmin < xmax and ymin < ymax", v);
        }

        if (!double.IsFinite(v.XMax - v.XMin) || !double.IsFinite(v.YMax - v.YMin))
        {
            throw MandelPSException.Invalid("Viewport", $"{v} is wider than the largest double can span", v);
        }
    }

    /// <summary>Coordinates that overflowed to infinity (or NaN) would make every count meaningless.</summary>
    private static void RequireFiniteCoordinates(PixelGrid grid)
    {
        if (!Array.TrueForAll(grid.X, double.IsFinite) || !Array.TrueForAll(grid.Y, double.IsFinite))
        {
            throw MandelPSException.Invalid("Viewport", "some pixel coordinates overflow to infinity; choose a smaller viewport");
        }
    }

    private static MandelPSException Unavailable(Kernel kernel, string reason, string parameter = "Kernel") =>
        new(ErrorKind.KernelUnavailable, parameter, $"{kernel.Name} cannot run: {reason}", kernel.Name);
}
