using System.Management.Automation;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// The problem parameters, declared once for every cmdlet that takes a request (Invoke-Mandelbrot,
/// Measure-Kernel, Compare-Kernel), each binding by property name so a saved row (Export-Csv, Import-Csv,
/// ConvertFrom-Json, Import-KernelResult) piped back asks for exactly its problem: every request column
/// of <see cref="Engine.Planning.RequestColumns"/> has its parameter here, except Kernel, which each
/// cmdlet declares in its own parameter sets. Lists sweep; a cmdlet that renders one image takes one value.
/// </summary>
public abstract class RequestCmdlet : MandelPSCmdlet
{
    /// <summary>Pixels per row; several values sweep (default 1000; with a preset or the tutorial grid, derived).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? Width { get; set; }

    /// <summary>Rows; several values sweep (default 1000; with a preset or the tutorial grid, derived).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? Height { get; set; }

    /// <summary>Iteration limit per pixel; several values sweep (default 1000; the Benchmarks Game: 50).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? MaxIterations { get; set; }

    /// <summary>Double, Single or both (default Double).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public Precision[]? Precision { get; set; }

    /// <summary>
    /// xmin, xmax, ymin, ymax, or the text 'xmin,xmax,ymin,ymax' (default: the tutorial's -2.13, 0.77, -1.3, 1.3).
    /// The imaginary axis points up, as in mathematics: row 0 is ymax. (Pictures of the Burning Ship are
    /// usually drawn with it down, so here the ship is upside down.) A picture whose viewport has not the
    /// image's shape is stretched, with a warning: -Center and -Zoom aim a viewport of the image's shape.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Viewport]
    public double[]? Viewport { get; set; }

    /// <summary>The point the image is centred on, x and y; with -Zoom, aims a viewport of the image's own shape (default: the whole set's middle, -0.68, 0).</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public double[]? Center { get; set; }

    /// <summary>Magnification over the whole set (1: the tutorial's view fitted to the image, so pixels stay square); with -Center.</summary>
    [Parameter]
    public double? Zoom { get; set; }

    /// <summary>The tutorial's size argument w: renders pure_python_2.py's grid (w=1000 gives 500x500) instead of -Width, -Height and -Viewport.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int? TutorialSize { get; set; }

    /// <summary>A problem defined elsewhere: BenchmarksGame is that task's N x N bitmap over [-1.5-i, 0.5+i], 50 iterations; give its -Size.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public RenderPreset? Preset { get; set; }

    /// <summary>The preset's size (BenchmarksGame: N).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    [Alias("N")]
    public int? Size { get; set; }

    /// <summary>The iteration for the Formula kernels, e.g. 'z^3 + c' (default 'z^2 + c'): z, c, numbers, i, + - * / ^, abs re im conj sqr exp.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public string? Formula { get; set; }

    /// <summary>|z| beyond which an orbit escapes, for the Formula kernels (default 2).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public double? EscapeRadius { get; set; }

    /// <summary>Threads for kernels that spread rows (processes for MultiProcess); several values sweep (default: one per core).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? Threads { get; set; }

    /// <summary>SIMD width for the kernels on SIMD registers: Auto, Bits128, Bits256 or Bits512, accelerated here (default Auto: the widest).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public VectorWidth? VectorWidth { get; set; }

    /// <summary>Pixels per block for VectorBlocked; several values sweep (default 4096, its measured best).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? BlockSize { get; set; }

    /// <summary>Iterations between escape tests for LazyEscape; several values sweep (default 8; 1 makes it exact).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? EscapeInterval { get; set; }

    /// <summary>The device GPU kernels run on: an index or name pattern from Get-KernelDevice (default: the best GPU; cpu = ILGPU's CPU accelerator, pocl0 = OpenCL on the CPU).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    public string? Device { get; set; }

    /// <summary>Work-items per group for GpuGridStride; several values sweep (default 256, or the device's maximum if lower).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SavedValue]
    public int[]? GroupSize { get; set; }

    /// <summary>The request parameters this call bound on its command line (not from the pipeline), read before the first record.</summary>
    protected IReadOnlyList<string> TypedRequestParameters { get; private set; } = [];

    protected override void BeginProcessing()
    {
        TypedRequestParameters = BoundParameters.RequestParameters.Where(MyInvocation.BoundParameters.ContainsKey).ToList();
        base.BeginProcessing();
    }
}
