using MandelPS.Engine.Errors;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Planning;

/// <summary>
/// A request validated once and resolved against its kernel and this machine: every range checked, the
/// kernel found and able to run here in this precision, the SIMD width, thread count and block size
/// that will really be used, the memory known to fit and the grid built. Immutable; rendering,
/// measurement, comparison, images and the cost map all take a plan, never a raw request.
/// </summary>
public sealed class RenderPlan
{
    private RenderPlan(RenderRequest request, Kernel kernel, PixelGrid grid, VectorWidth vectorWidth, Formula formula, KernelTarget target, RowBand band)
    {
        _target = target;
        Device = target.Device;
        IsExact = target.IsExact;
        GroupSize = kernel.DefaultGroupSize is { } defaultGroup ? request.Options.GroupSize ?? defaultGroup : 0;
        Request = request;
        Kernel = kernel;
        Formula = formula;
        Grid = grid;
        VectorWidth = vectorWidth;
        Band = band;
        Threads = kernel.UsesThreads ? request.Options.Threads ?? Environment.ProcessorCount : 1;
        BlockSize = kernel.DefaultBlockSize is { } defaultBlock ? request.Options.BlockSize ?? defaultBlock : 0;
        EscapeInterval = kernel.DefaultEscapeInterval is { } defaultInterval ? request.Options.EscapeInterval ?? defaultInterval : 0;
    }

    private readonly KernelTarget _target;

    /// <summary>The request as asked (the kernel name as the registry spells it).</summary>
    public RenderRequest Request { get; }

    public Kernel Kernel { get; }

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
    public int FullHeight { get; private init; }

    /// <summary>The SIMD width that runs (always hardware-accelerated), or None for kernels without SIMD.</summary>
    public VectorWidth VectorWidth { get; }

    /// <summary>Worker threads that run (1 for serial kernels).</summary>
    public int Threads { get; }

    /// <summary>Pixels per block that run (0 for kernels that do not work in blocks).</summary>
    public int BlockSize { get; }

    /// <summary>Iterations between escape tests (0 for kernels that test every iteration).</summary>
    public int EscapeInterval { get; }

    /// <summary>The device that runs the kernel: "CPU" for CPU kernels, the chosen device's name for GPU kernels.</summary>
    public string Device { get; }

    /// <summary>True if the counts must equal the reference bit for bit on this device (the kernel's claim, narrowed by the device).</summary>
    public bool IsExact { get; }

    /// <summary>Work-items per group that run (0 for kernels not launched in groups).</summary>
    public int GroupSize { get; }

    public int Width => Grid.Width;

    public int Height => Grid.Height;

    public int MaxIterations => Request.MaxIterations;

    public Precision Precision => Request.Precision;

    /// <summary>The viewport as result rows record it: xmin,xmax,ymin,ymax for a Linear grid, empty where the grid fixes its own.</summary>
    public string ViewportText => Request.Grid == GridStyle.Linear ? Request.Viewport.ToString() : "";

    /// <summary>The tutorial's size argument for the Tutorial grid; 0 otherwise.</summary>
    public int TutorialSize => Request.Grid == GridStyle.Tutorial ? Request.TutorialSize : 0;

    /// <summary>What was solved, without kernel and tuning: plans with equal keys have equal reference counts.</summary>
    public string ProblemKey => ProblemKeys.Format(Request.Grid, ViewportText, TutorialSize, Width, Height, MaxIterations, Precision,
        ProblemKeys.FormulaPart(Formula.Text, Formula.EscapeRadius));

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
        return Create(request with { Kernel = kernel.Name }, kernel, grid: null, countsInMemory);
    }

    /// <summary>
    /// Rows <paramref name="band"/> of this plan, computed exactly as the whole render computes them: the same
    /// kernel and options on a sub-grid of the same coordinates. Only kernels whose counts are per pixel can
    /// be split (<see cref="Kernel.IsRowLocal"/>). The band's counts must fit in memory.
    /// </summary>
    public RenderPlan Rows(RowBand band)
    {
        if (!Kernel.IsRowLocal && !(band.First == 0 && band.Count == Height))
        {
            throw MandelPSException.Invalid("Kernel", $"{Kernel.Name} adds every orbit to the whole image, so its rows cannot be computed apart; render it whole", Kernel.Name);
        }

        MemoryBudget.EnsureFits(Width, band.Count, Kernel.WorkingBytesPerPixel);
        return new RenderPlan(Request, Kernel, Grid.Rows(band.First, band.Count), VectorWidth, Formula, _target, new RowBand(Band.First + band.First, band.Count)) { FullHeight = FullHeight };
    }

    /// <summary>The same problem on the same grid solved by another kernel, precision or options.</summary>
    public RenderPlan With(string kernel, Precision precision, KernelOptions options)
    {
        var resolved = KernelRegistry.Get(kernel);
        var plan = Create(Request with { Kernel = resolved.Name, Precision = precision, Options = options }, resolved, Grid, countsInMemory: true);
        return new RenderPlan(plan.Request, plan.Kernel, plan.Grid, plan.VectorWidth, plan.Formula, plan._target, Band) { FullHeight = FullHeight };
    }

    /// <summary>The kernel's reference on the same grid, in the same precision: what an exact kernel must equal.</summary>
    public RenderPlan Reference() => With(ReferenceKernel, Precision, KernelOptions.Default);

    /// <summary>This plan on one thread: the twin a parallel kernel's efficiency is measured against.</summary>
    public RenderPlan OneThread() => With(Kernel.Name, Precision, Request.Options with { Threads = 1 });

    /// <summary>A plan for a kernel outside the registry (the harness's own tests and its overhead probe).</summary>
    internal static RenderPlan ForKernel(RenderRequest request, Kernel kernel)
    {
        ValidateProblem(request, countsInMemory: true);
        return Create(request with { Kernel = kernel.Name }, kernel, grid: null, countsInMemory: true);
    }

    private static RenderPlan Create(RenderRequest request, Kernel kernel, PixelGrid? grid, bool countsInMemory)
    {
        var target = kernel.TargetFor(request);
        if (!target.Availability.IsAvailable)
        {
            throw Unavailable(kernel, target.Availability.Reason ?? "it cannot run on this machine", request.Options.Device is null ? "Kernel" : "Device");
        }

        if (!kernel.Supports(request.Precision))
        {
            throw Unavailable(kernel, $"it does not compute in {request.Precision} (it supports {string.Join(", ", kernel.Precisions)})", "Precision");
        }

        var vectorWidth = ValidateOptions(kernel, request.Options);
        var formula = Formula.Parse(request.Formula, request.EscapeRadius);
        if (!formula.IsDefault && kernel is not FormulaKernel)
        {
            throw MandelPSException.Invalid("Formula",
                $"{kernel.Name} solves z^2 + c escaping at 2 only; for '{formula.Text}' (escape radius {formula.EscapeRadius.ToString(System.Globalization.CultureInfo.InvariantCulture)}) name a Formula kernel: {string.Join(", ", KernelRegistry.All.OfType<FormulaKernel>().Select(k => k.Name))}", formula.Text);
        }

        if (grid is null)
        {
            grid = PixelGrid.For(request);
            RequireFiniteCoordinates(grid);
        }

        if (countsInMemory)
        {
            MemoryBudget.EnsureFits(grid.Width, grid.Height, kernel.WorkingBytesPerPixel);
        }

        return new RenderPlan(request, kernel, grid, vectorWidth, formula, target, new RowBand(0, grid.Height)) { FullHeight = grid.Height };
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

    /// <summary>Checks the options against the kernel; returns the vector width that will run.</summary>
    private static VectorWidth ValidateOptions(Kernel kernel, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BlockSize is { } block)
        {
            MandelPSException.RequireInRange("BlockSize", block, KernelOptions.MinBlockSize, KernelOptions.MaxBlockSize);
        }

        if (options.Threads is { } threads)
        {
            MandelPSException.RequireInRange("Threads", threads, KernelOptions.MinThreads, KernelOptions.MaxThreads);
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
            throw MandelPSException.Invalid("Device", "is empty; give a device index or a name pattern from the device list (Get-KernelDevice, mandelps devices)");
        }

        if (!Enum.IsDefined(options.VectorWidth))
        {
            throw MandelPSException.Invalid("VectorWidth", $"{(int)options.VectorWidth} is not one of {string.Join(", ", Enum.GetNames<VectorWidth>())}");
        }

        return kernel.UsesSimd ? ResolveVectorWidth(kernel, options.VectorWidth) : VectorWidth.None;
    }

    private static VectorWidth ResolveVectorWidth(Kernel kernel, VectorWidth requested)
    {
        var accelerated = AcceleratedWidths.All.Count == 0 ? "none" : string.Join(", ", AcceleratedWidths.All);
        if (requested == VectorWidth.None)
        {
            throw MandelPSException.Invalid("VectorWidth", $"{kernel.Name} runs on SIMD registers; allowed: Auto or an accelerated width ({accelerated})", requested);
        }

        var width = requested == VectorWidth.Auto ? AcceleratedWidths.Widest : requested;
        if (!AcceleratedWidths.IsAccelerated(width))
        {
            var what = width == VectorWidth.None ? "no vector width is" : $"{width} vectors are";
            throw Unavailable(kernel, $"{what} not hardware-accelerated on this machine (accelerated here: {accelerated})", "VectorWidth");
        }

        return width;
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
