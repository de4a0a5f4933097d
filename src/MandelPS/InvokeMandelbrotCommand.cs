using System.Management.Automation;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Renders the Mandelbrot set with one kernel and returns a summary; -Path also writes the image.</para>
/// <para type="description">Each input (or pipeline record) is one render, planned by the engine: the kernel, its precision and vector width must be able to run here, the memory must fit, and -Path is checked before any work. Use -PassThru for the escape counts, -CostMap for the load-balance analysis.</para>
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
[Cmdlet(VerbsLifecycle.Invoke, "Mandelbrot", SupportsShouldProcess = true, DefaultParameterSetName = LinearSet)]
[OutputType(typeof(RenderSummary))]
[OutputType(typeof(RenderResult))]
[OutputType(typeof(LoadBalance))]
public sealed class InvokeMandelbrotCommand : MandelPSCmdlet
{
    private const string LinearSet = "Linear";
    private const string TutorialSet = "Tutorial";
    private const string PresetSet = "Preset";

    /// <summary>The kernel that computes the image (default: Expanded, the reference; with -Preset BenchmarksGame, ParallelSimd).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string? Kernel { get; set; }

    /// <summary>Pixels per row (default 1000).</summary>
    [Parameter(ParameterSetName = LinearSet, ValueFromPipelineByPropertyName = true)]
    public int Width { get; set; }

    /// <summary>Rows (default 1000).</summary>
    [Parameter(ParameterSetName = LinearSet, ValueFromPipelineByPropertyName = true)]
    public int Height { get; set; }

    /// <summary>xmin, xmax, ymin, ymax (default: the tutorial's -2.13, 0.77, -1.3, 1.3).</summary>
    [Parameter(ParameterSetName = LinearSet)]
    [ValidateCount(4, 4)]
    public double[]? Viewport { get; set; }

    /// <summary>The tutorial's size argument w: renders pure_python_2.py's grid (w=1000 gives 500x500).</summary>
    [Parameter(ParameterSetName = TutorialSet, Mandatory = true)]
    public int TutorialSize { get; set; }

    /// <summary>A problem defined elsewhere: BenchmarksGame is that task's N x N bitmap over [-1.5-i, 0.5+i], 50 iterations.</summary>
    [Parameter(ParameterSetName = PresetSet, Mandatory = true)]
    public RenderPreset Preset { get; set; }

    /// <summary>The preset's size (BenchmarksGame: N).</summary>
    [Parameter(ParameterSetName = PresetSet, Mandatory = true)]
    [Alias("N")]
    public int Size { get; set; }

    /// <summary>The iteration for the Formula kernels, e.g. 'z^3 + c' (default 'z^2 + c'): z, c, numbers, i, + - * / ^, abs re im conj sqr exp.</summary>
    [Parameter]
    [ValidateNotNull]
    public string? Formula { get; set; }

    /// <summary>|z| beyond which an orbit escapes, for the Formula kernels (default 2).</summary>
    [Parameter]
    public double EscapeRadius { get; set; }

    /// <summary>Iteration limit per pixel (default 1000).</summary>
    [Parameter(ParameterSetName = LinearSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = TutorialSet, ValueFromPipelineByPropertyName = true)]
    public int MaxIterations { get; set; }

    /// <summary>Double (default) or Single.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Precision Precision { get; set; }

    /// <summary>Threads for parallel kernels (default: one per core).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int Threads { get; set; }

    /// <summary>SIMD width for Simd kernels (default Auto: the widest accelerated here).</summary>
    [Parameter]
    public VectorWidth VectorWidth { get; set; }

    /// <summary>Pixels per block for VectorBlocked (default: its measured best).</summary>
    [Parameter]
    public int BlockSize { get; set; }

    /// <summary>Iterations between escape tests for LazyEscape (default 8; 1 makes it exact).</summary>
    [Parameter]
    public int EscapeInterval { get; set; }

    /// <summary>The device GPU kernels run on: an index or name pattern from Get-KernelDevice (default: the best GPU; cpu = ILGPU's CPU accelerator, pocl0 = OpenCL on the CPU).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string Device { get; set; } = "";

    /// <summary>Work-items per group for GpuGridStride (default 256, or the device's maximum if lower).</summary>
    [Parameter]
    public int GroupSize { get; set; }

    /// <summary>Image file to write: .png, .ppm, .pgm or .pbm (with -TileCount: a .mtile tile).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Image file to write, taken exactly as typed (no wildcards).</summary>
    [Parameter]
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
            var spec = BoundParameters.ToSpec(MyInvocation.BoundParameters, Kernel is null ? null : [Kernel], all: false);
            // Only -PassThru and -CostMap need every count at once; an image or a summary is made band by band.
            var plan = spec.PlanOne(countsInMemory: PassThru || CostMap);
            var tile = spec.TileOf(plan);
            string? fullPath = null;
            var parameter = LiteralPath is null ? nameof(Path) : nameof(LiteralPath);
            ImageFormat? format = null;
            if ((LiteralPath ?? Path) is { } target)
            {
                fullPath = ResolveNewFilePath(target, LiteralPath is not null, parameter);
                if (tile is null)
                {
                    format = ImageWriter.FormatFromPath(fullPath, parameter);
                }
                else
                {
                    TileFile.RequirePath(fullPath, parameter);
                }

                SafeFile.CheckTarget(fullPath, Force, parameter);
            }

            var style = spec.StyleFor(CostMap ? null : format, fullPath ?? "");
            if (tile is { } asked)
            {
                RenderTile(plan, asked.Index, asked.Count, fullPath);
                return;
            }

            if (CostMap)
            {
                Engine.Analysis.CostMap.RequireTileSize(TileSize);
            }

            if (fullPath is not null && !ShouldProcess(fullPath, File.Exists(fullPath) ? "Overwrite Mandelbrot image" : "Write Mandelbrot image"))
            {
                return;
            }

            if (!PassThru && !CostMap)
            {
                Stream<RenderSummary>("Invoke-Mandelbrot", (stop, progress) => [RenderStreamed(plan, fullPath, format, style, progress, stop)], WriteObject);
                return;
            }

            RenderResult? result = null;
            Stream<RenderResult>("Invoke-Mandelbrot", (stop, _) => [PreparedRender.RunOnce(plan, stop)], r => result = r);
            if (CostMap)
            {
                var map = Engine.Analysis.CostMap.From(result!, TileSize);
                if (fullPath is not null)
                {
                    ImageWriter.WriteGray(fullPath, map.Width, map.Height, map.ToGray(), format!.Value, overwrite: Force);
                }

                WriteObject(LoadBalance.For(map, result!, fullPath), enumerateCollection: true);
                return;
            }

            if (fullPath is not null)
            {
                ImageWriter.Write(result!, fullPath, format!.Value, Force, style, cancellation: Cancellation);
            }

            WriteObject(PassThru ? result : RenderSummary.From(result!, fullPath));
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

    /// <summary>The image (if any) and the summary, a band of rows at a time.</summary>
    private RenderSummary RenderStreamed(Engine.Planning.RenderPlan plan, string? fullPath, ImageFormat? format, ImageStyle style,
        Action<Engine.Measurement.MeasurementProgress> progress, CancellationToken stop)
    {
        if (MembershipBitmap.Serves(plan, format))
        {
            // Membership only: bits straight from the kernel's loops as rows finish, no counts.
            return MembershipBitmap.Write(plan, fullPath!, Force, progress, LiteralPath is null ? nameof(Path) : nameof(LiteralPath), stop);
        }

        var bands = new BandedRender(plan, progress);
        if (fullPath is not null)
        {
            ImageWriter.Write(bands, fullPath, format!.Value, Force, style, cancellation: stop);
        }
        else
        {
            bands.ForEachBand((_, _) => { }, stop);
        }

        return bands.Summary(fullPath);
    }

    private void RenderTile(Engine.Planning.RenderPlan plan, int index, int count, string? fullPath)
    {
        if (fullPath is null)
        {
            throw MandelPSException.Invalid("TileCount", "a tile is written to a file: give -Path t.mtile");
        }

        if (PassThru || CostMap)
        {
            throw MandelPSException.Invalid(PassThru ? "PassThru" : "CostMap", "not allowed with -TileCount: a tile is written to -Path and merged by Merge-MandelbrotTile");
        }

        if (!ShouldProcess(fullPath, $"Write Mandelbrot tile {index} of {count}"))
        {
            return;
        }

        Stream<RenderSummary>("Invoke-Mandelbrot", (stop, _) =>
        {
            RenderSummary? summary = null;
            SafeFile.Write(fullPath, Force, stream => summary = TileRender.Write(plan, index, count, stream, fullPath, stop));
            return [summary!];
        }, WriteObject);
    }
}
