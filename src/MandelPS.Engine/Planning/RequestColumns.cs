using System.Globalization;
using System.Text;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>
/// The request every output row carries, whole, under the same names: the problem (grid, viewport or
/// tutorial size or preset, pixels, iterations, precision, formula) and the kernel with the settings it
/// ran with. Measurements, comparisons, render summaries and tile headers all derive from it and copy
/// these columns through one constructor, so a row saved with Export-Csv or --format csv binds back to
/// the cmdlets' parameters of the same names and re-runs exactly its problem. A field that does not
/// apply is null (an empty cell), and enumerations are their names, in CSV and in JSON alike.
/// </summary>
public abstract class RequestColumns
{
    protected RequestColumns()
    {
    }

    /// <summary>Copies every request column of <paramref name="request"/>: the one writer of these columns.</summary>
    protected RequestColumns(RequestColumns request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Kernel = request.Kernel;
        Grid = request.Grid;
        Preset = request.Preset;
        Size = request.Size;
        TutorialSize = request.TutorialSize;
        Viewport = request.Viewport;
        Width = request.Width;
        Height = request.Height;
        MaxIterations = request.MaxIterations;
        Precision = request.Precision;
        Formula = request.Formula;
        EscapeRadius = request.EscapeRadius;
        Threads = request.Threads;
        VectorWidth = request.VectorWidth;
        BlockSize = request.BlockSize;
        EscapeInterval = request.EscapeInterval;
        Device = request.Device;
        GroupSize = request.GroupSize;
    }

    public string Kernel { get; init; } = "";

    /// <summary>Linear, Tutorial or BenchmarksGame: follows from Preset and TutorialSize (a description, not asked for).</summary>
    public string Grid { get; init; } = nameof(GridStyle.Linear);

    /// <summary>The named problem (BenchmarksGame), or null.</summary>
    public string? Preset { get; init; }

    /// <summary>The preset's size (BenchmarksGame: N), or null.</summary>
    public int? Size { get; init; }

    /// <summary>The tutorial's size argument w of the Tutorial grid, or null.</summary>
    public int? TutorialSize { get; init; }

    /// <summary>xmin,xmax,ymin,ymax (invariant culture) of a Linear grid; null where a preset or the tutorial fixes the grid.</summary>
    public string? Viewport { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    /// <summary>Double or Single.</summary>
    public string Precision { get; init; } = nameof(Problem.Precision.Double);

    /// <summary>The iteration solved (z^2 + c for every kernel but the Formula ones, which solve any).</summary>
    public string Formula { get; init; } = Formulas.Formula.DefaultText;

    /// <summary>|z| beyond which an orbit escapes (2 for the Mandelbrot set).</summary>
    public double EscapeRadius { get; init; } = Formulas.Formula.DefaultEscapeRadius;

    /// <summary>Worker threads (processes for MultiProcess) that ran; null for kernels that do not spread work.</summary>
    public int? Threads { get; init; }

    /// <summary>The SIMD width that ran (Bits128, Bits256, Bits512); null for kernels without SIMD.</summary>
    public string? VectorWidth { get; init; }

    /// <summary>Pixels per block that ran; null for kernels that do not work in blocks.</summary>
    public int? BlockSize { get; init; }

    /// <summary>Iterations between escape tests that ran; null for kernels that test every iteration.</summary>
    public int? EscapeInterval { get; init; }

    /// <summary>The device's id (pocl0, cuda0, cpu) for GPU kernels; null for CPU kernels.</summary>
    public string? Device { get; init; }

    /// <summary>Work-items per group that ran; null for kernels not launched in groups.</summary>
    public int? GroupSize { get; init; }

    /// <summary>The problem alone (no kernel, no settings): rows with equal keys have equal reference counts.</summary>
    public string ProblemKey => ProblemKeys.Format(Grid, Preset, Size, TutorialSize, Viewport, Width, Height, MaxIterations, Precision, Formula, EscapeRadius);

    /// <summary>The whole request: problem, kernel and every setting. Rows with equal keys measured the same thing.</summary>
    public string RequestKey => SettingsText(_ => true) is { Length: > 0 } settings ? $"{Kernel}|{ProblemKey}|{settings}" : $"{Kernel}|{ProblemKey}";

    /// <summary>"Simd on Linear/.../200x200/1000/Double (vw=Bits512)": how warnings and errors name a row.</summary>
    public string Describe() => SettingsText(_ => true) is { Length: > 0 } settings
        ? $"{Kernel} on {ProblemKey} ({settings.Replace(";", ", ", StringComparison.Ordinal)})"
        : $"{Kernel} on {ProblemKey}";

    /// <summary>The request as a builder's input: planning it again gives a plan with this row's <see cref="RequestKey"/>.</summary>
    public RequestSpec ToSpec() => new()
    {
        Kernel = [Kernel],
        Preset = Preset is null ? RenderPreset.None : Enum.Parse<RenderPreset>(Preset, ignoreCase: true),
        Size = Size,
        TutorialSize = TutorialSize,
        Viewport = Viewport is null ? null : Problem.Viewport.Parse(Viewport),
        Width = Preset is null && TutorialSize is null ? [Width] : null,
        Height = Preset is null && TutorialSize is null ? [Height] : null,
        MaxIterations = Preset is null ? [MaxIterations] : null,
        Precision = [Enum.Parse<Precision>(Precision, ignoreCase: true)],
        Formula = Formula,
        EscapeRadius = EscapeRadius,
        Threads = Threads is { } threads ? [threads] : null,
        VectorWidth = VectorWidth is null ? null : Enum.Parse<VectorWidth>(VectorWidth, ignoreCase: true),
        BlockSize = BlockSize is { } block ? [block] : null,
        EscapeInterval = EscapeInterval is { } interval ? [interval] : null,
        Device = Device,
        GroupSize = GroupSize is { } group ? [group] : null,
    };

    /// <summary>"threads=2;vw=Bits512": the settings <paramref name="include"/> keeps, in a fixed order; empty for none.</summary>
    private protected string SettingsText(Func<Kernels.OptionName, bool> include)
    {
        var text = new StringBuilder();
        void Add(Kernels.OptionName option, string name, object? value)
        {
            if (value is not null && include(option))
            {
                text.Append(CultureInfo.InvariantCulture, $";{name}={value}");
            }
        }

        Add(Kernels.OptionName.Threads, "threads", Threads);
        Add(Kernels.OptionName.VectorWidth, "vw", VectorWidth);
        Add(Kernels.OptionName.BlockSize, "block", BlockSize);
        Add(Kernels.OptionName.EscapeInterval, "interval", EscapeInterval);
        Add(Kernels.OptionName.Device, "device", Device);
        Add(Kernels.OptionName.GroupSize, "group", GroupSize);
        return text.Length == 0 ? "" : text.ToString(1, text.Length - 1);
    }
}
