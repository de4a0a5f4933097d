using System.Management.Automation;
using MandelPS.Engine;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Rendering;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Renders the Mandelbrot set with one kernel and returns a summary; -Path also writes the image.</para>
/// <para type="description">Each input (or pipeline record) is one render, planned by the engine: the kernel, its precision and vector width must be able to run here, the memory must fit, and -Path is checked before any work. A saved row (a summary, a Measure-Kernel row, Import-Csv of either) piped in renders exactly its request. Use -PassThru for the escape counts, -CostMap for the load-balance analysis.</para>
/// <para type="description">The summary holds the validation sum, the total iterations, the pixels in the set and the elapsed time. -Path writes a PNG or PPM in a -Palette (a grey PNG or PGM with -Palette Grey), or a PBM bitmap of the set, through a temporary file so nothing is ever half-written; an existing file is only replaced with -Force. The image is computed and encoded a band of rows at a time, so memory holds a band, not the image. -PassThru returns the full result, escape counts included (they must fit in memory). -Preset BenchmarksGame reproduces the Computer Language Benchmarks Game mandelbrot task exactly. A PBM from Simd or ParallelSimd is decided without counts, by their membership loops (bits packed as rows finish, memory a few rows a thread): its summary has PixelsInSet but no ValidationSum or TotalIterations.</para>
/// <para type="description">-TileCount n -TileIndex i computes one band of rows exactly as the whole render would and writes it to -Path as a .mtile file (counts, request, checksum); Merge-MandelbrotTile joins the tiles into the image, bit-identical to a render in one process.</para>
/// </summary>
/// <example>
/// <code>Invoke-Mandelbrot -Kernel ParallelSimd -Width 1920 -Height 1080 -Path ./m.png</code>
/// <para>Renders a full-HD image with the fastest CPU kernel.</para>
/// </example>
/// <example>
/// <code>Invoke-Mandelbrot -Kernel ParallelSimd -Width 800 -Height 600 -Palette Fire -ColorScale Histogram -Path ./fire.png</code>
/// <para>A histogram-equalised picture in the Fire palette; the set is black.</para>
/// </example>
/// <example>
/// <code>0..3 | ForEach-Object { Invoke-Mandelbrot -Kernel ParallelSimd -Width 4000 -Height 4000 -TileCount 4 -TileIndex $_ -Path "./t$_.mtile" }; Merge-MandelbrotTile ./t*.mtile -OutFile ./m.png</code>
/// <para>Four tiles (each could run on another machine), merged into one image.</para>
/// </example>
/// <example>
/// <code>Invoke-Mandelbrot -TutorialSize 1000 -MaxIterations 1000</code>
/// <para>Solves the tutorial's own 500x500 problem and reports its validation sum.</para>
/// </example>
/// <example>
/// <code>Invoke-Mandelbrot -Kernel ParallelSimd -Width 1000 -Height 1000 -CostMap -Path ./cost.png</code>
/// <para>Why static row bands leave cores idle: a per-tile cost heatmap, and the load balance for 2..16 cores.</para>
/// </example>
/// <example>
/// <code>Invoke-Mandelbrot -Kernel ParallelSimd -Preset BenchmarksGame -Size 16000 -Path ./bg.pbm</code>
/// <para>The Benchmarks Game task at its benchmark size; the file is byte-identical to that task's programs' output.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "Mandelbrot", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(RenderSummary))]
[OutputType(typeof(RenderResult))]
[OutputType(typeof(LoadBalance))]
public sealed class InvokeMandelbrotCommand : RequestCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The kernel that computes the image (default: Expanded, the reference; with -Preset BenchmarksGame, ParallelSimd).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string? Kernel { get; set; }

    /// <summary>Image file to write: .png, .ppm, .pgm or .pbm (with -TileCount: a .mtile tile).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Image file to write, taken exactly as typed (no wildcards).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? LiteralPath { get; set; }

    /// <summary>Overwrite the image file if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// Analyse the load balance instead: return how busy 2..16 cores would be with static row bands vs
    /// dynamic rows, and write a per-tile cost heatmap (not the image) to -Path.
    /// </summary>
    [Parameter]
    public SwitchParameter CostMap { get; set; }

    /// <summary>Tile side in pixels for -CostMap (default 16).</summary>
    [Parameter]
    public int TileSize { get; set; } = 16;

    /// <summary>Return the full result, escape counts included, instead of the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Colours of the image written to -Path (default Classic; Grey for a .pgm); the set is black.</summary>
    [Parameter]
    public PaletteName Palette { get; set; }

    /// <summary>How counts pick their colour: Logarithmic (default) or Histogram-equalised (a streamed render computes twice).</summary>
    [Parameter]
    public ColorScale ColorScale { get; set; }

    /// <summary>Split the render into this many bands of rows and compute only the -TileIndex one, written to -Path as a .mtile tile.</summary>
    [Parameter]
    public int TileCount { get; set; }

    /// <summary>Which tile (0-based) of -TileCount to compute.</summary>
    [Parameter]
    public int TileIndex { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var parameter = ParameterSetName == LiteralPathSet ? nameof(LiteralPath) : nameof(Path);
            var fullPath = (LiteralPath ?? Path) is { } typed ? ResolveNewFilePath(typed, LiteralPath is not null, parameter) : null;
            var target = Target(fullPath, parameter);
            var spec = BoundParameters.ToSpec(MyInvocation.BoundParameters, Kernel is null ? null : [Kernel], all: false);
            var plan = MandelbrotEngine.Plan(spec, target, w => WriteWarning(Spelled(w)));
            var tile = MyInvocation.BoundParameters.ContainsKey(nameof(TileCount)) ? $" tile {TileIndex} of {TileCount}" : "";
            if (fullPath is not null && !ShouldProcess(fullPath, $"{(File.Exists(fullPath) ? "Overwrite" : "Write")} Mandelbrot {(CostMap ? "cost map" : "image")}{tile}"))
            {
                return;
            }

            RenderOutcome? outcome = null;
            Stream<RenderOutcome>("Invoke-Mandelbrot", (stop, progress) => [MandelbrotEngine.Run(plan, target, progress, stop)], done => outcome = done);
            if (outcome!.LoadBalance is { } balance)
            {
                WriteObject(balance, enumerateCollection: true);
            }
            else
            {
                WriteObject(PassThru ? outcome.Result : outcome.Summary);
            }
        }
        catch (MandelPSException e)
        {
            WriteError(ToErrorRecord(e));
        }
        catch (OperationCanceledException e)
        {
            ThrowTerminatingError(Cancelled(e));
        }
    }

    /// <summary>Where this call's render goes, from -Path, -TileCount, -PassThru and -CostMap, refusing what contradicts.</summary>
    private RenderTarget Target(string? fullPath, string parameter)
    {
        var bound = MyInvocation.BoundParameters;
        PaletteName? palette = bound.ContainsKey(nameof(Palette)) ? Palette : null;
        ColorScale? scale = bound.ContainsKey(nameof(ColorScale)) ? ColorScale : null;
        if (bound.ContainsKey(nameof(TileCount)) || bound.ContainsKey(nameof(TileIndex)))
        {
            if (!bound.ContainsKey(nameof(TileCount)) || !bound.ContainsKey(nameof(TileIndex)))
            {
                throw MandelPSException.Invalid(bound.ContainsKey(nameof(TileCount)) ? nameof(TileIndex) : nameof(TileCount), "give both -TileCount and -TileIndex: how many tiles, and which one (0-based)");
            }

            if (PassThru || CostMap)
            {
                throw MandelPSException.Invalid(PassThru ? nameof(PassThru) : nameof(CostMap), "not allowed with -TileCount: a tile is written to -Path and merged by Merge-MandelbrotTile");
            }

            ImageStyle.For(null, palette, scale, "");
            return RenderTarget.Tile(fullPath ?? throw MandelPSException.Invalid(nameof(TileCount), "a tile is written to a file: give -Path t.mtile"), TileIndex, TileCount, Force, parameter);
        }

        if (CostMap)
        {
            if (PassThru)
            {
                throw MandelPSException.Invalid(nameof(PassThru), "not allowed with -CostMap: it returns the load balance");
            }

            ImageStyle.For(null, palette, scale, "");
            return RenderTarget.CostMap(TileSize, fullPath, Force, parameter);
        }

        var image = fullPath is null ? null : RenderTarget.Image(fullPath, Force, palette, scale, parameter);
        if (image is null)
        {
            ImageStyle.For(null, palette, scale, "");
        }

        return PassThru ? RenderTarget.Counts(image) : image ?? RenderTarget.Summary;
    }
}
