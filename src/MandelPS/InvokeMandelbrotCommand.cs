using System.Management.Automation;
using MandelPS.Engine;
using MandelPS.Engine.Analysis;
using MandelPS.Engine.IO;
using MandelPS.Engine.Images;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Renders the Mandelbrot set with one kernel and returns the result; -Path also writes the image.</para>
/// </summary>
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
    public string Kernel { get; set; } = RenderRequest.DefaultKernel;

    /// <summary>Pixels per row.</summary>
    [Parameter(ParameterSetName = LinearSet, ValueFromPipelineByPropertyName = true)]
    public int Width { get; set; } = 1000;

    /// <summary>Rows.</summary>
    [Parameter(ParameterSetName = LinearSet, ValueFromPipelineByPropertyName = true)]
    public int Height { get; set; } = 1000;

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

    /// <summary>Iteration limit per pixel.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int MaxIterations { get; set; } = 1000;

    /// <summary>Double (default) or Single.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Precision Precision { get; set; } = Precision.Double;

    /// <summary>Threads for parallel kernels (default: one per core).</summary>
    [Parameter]
    public int Threads { get; set; }

    /// <summary>SIMD width for Simd kernels.</summary>
    [Parameter]
    public VectorWidth VectorWidth { get; set; } = VectorWidth.Auto;

    /// <summary>Pixels per block for VectorBlocked.</summary>
    [Parameter]
    public int BlockSize { get; set; }

    /// <summary>Image file to write: .png, .pgm or .pbm.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Overwrite -Path if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// Analyse the load balance instead: return how busy 2..16 cores would be with static row bands vs
    /// dynamic rows, and write a per-tile cost heatmap (not the image) to -Path.
    /// </summary>
    [Parameter]
    public SwitchParameter CostMap { get; set; }

    /// <summary>Tile side in pixels for -CostMap.</summary>
    [Parameter]
    public int TileSize { get; set; } = 16;

    /// <summary>Return the full result, escape counts included, instead of the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var preset = ParameterSetName == PresetSet ? Preset : RenderPreset.None;
        var request = RenderPresets.Apply(preset, Size, new RenderRequest
        {
            Kernel = MyInvocation.BoundParameters.ContainsKey(nameof(Kernel)) ? Kernel : RenderPresets.DefaultKernel(preset),
            Width = Width,
            Height = Height,
            Viewport = Viewport is null ? Engine.Problem.Viewport.Tutorial : new Viewport(Viewport[0], Viewport[1], Viewport[2], Viewport[3]),
            Grid = ParameterSetName == TutorialSet ? GridStyle.Tutorial : GridStyle.Linear,
            TutorialSize = ParameterSetName == TutorialSet ? TutorialSize : 1000,
            MaxIterations = MaxIterations,
            Precision = Precision,
            Options = new KernelOptions
            {
                DegreeOfParallelism = MyInvocation.BoundParameters.ContainsKey(nameof(Threads)) ? Threads : null,
                BlockSize = MyInvocation.BoundParameters.ContainsKey(nameof(BlockSize)) ? BlockSize : null,
                VectorWidth = VectorWidth,
            },
        });

        try
        {
            MandelbrotEngine.Validate(request);
            string? fullPath = null;
            ImageFormat format = default;
            if (Path is not null)
            {
                fullPath = GetUnresolvedProviderPathFromPSPath(Path);
                format = ImageWriter.FormatFromPath(fullPath);
                if (!ShouldProcess(fullPath, "Write Mandelbrot image"))
                {
                    return;
                }

                SafeFile.RefuseToOverwrite(fullPath, Force);
            }

            var result = RunWithProgress($"Invoke-Mandelbrot {request.Kernel}", (stop, _) => MandelbrotEngine.Render(request, stop));
            if (CostMap)
            {
                var map = Engine.Analysis.CostMap.From(result, TileSize);
                if (fullPath is not null)
                {
                    ImageWriter.WriteGray(fullPath, map.Width, map.Height, map.ToGray(), format, overwrite: Force);
                }

                WriteObject(LoadBalance.For(map, result, fullPath), enumerateCollection: true);
                return;
            }

            if (fullPath is not null)
            {
                ImageWriter.Write(result, fullPath, format, overwrite: Force);
            }

            WriteObject(PassThru ? result : RenderSummary.From(result, fullPath));
        }
        catch (Exception e) when (IsEngineError(e))
        {
            WriteError(ToErrorRecord(e, request));
        }
    }
}
