using System.Management.Automation;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>The problem-size parameters Measure-Kernel and Compare-Kernel share, and their mapping onto a SweepSpec.</summary>
public abstract class SweepParameters : MandelPSCmdlet
{
    /// <summary>Pixels per row; several values sweep.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[] Width { get; set; } = [1000];

    /// <summary>Rows; several values sweep.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[] Height { get; set; } = [1000];

    /// <summary>Iteration limit per pixel; several values sweep.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[] MaxIterations { get; set; } = [1000];

    /// <summary>Double, Single or both.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Precision[] Precision { get; set; } = [Engine.Problem.Precision.Double];

    /// <summary>Thread counts for parallel kernels; several values sweep (default: one per core).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? Threads { get; set; }

    /// <summary>xmin, xmax, ymin, ymax (default: the tutorial's -2.13, 0.77, -1.3, 1.3).</summary>
    [Parameter]
    [ValidateCount(4, 4)]
    public double[]? Viewport { get; set; }

    /// <summary>Use the tutorial's pure_python_2.py grid with this size argument instead of Width/Height.</summary>
    [Parameter]
    public int TutorialSize { get; set; }

    /// <summary>SIMD width for Simd kernels.</summary>
    [Parameter]
    public VectorWidth VectorWidth { get; set; } = VectorWidth.Auto;

    /// <summary>Exactly this many measured samples; by default sampling adapts (MinRuns..MaxRuns, TimeBudget, a 2% CI).</summary>
    [Parameter]
    public int Runs { get; set; }

    /// <summary>Measured samples at least (adaptive mode).</summary>
    [Parameter]
    public int MinRuns { get; set; } = MeasurementSettings.Default.MinRuns;

    /// <summary>Measured samples at most (adaptive mode).</summary>
    [Parameter]
    public int MaxRuns { get; set; } = MeasurementSettings.Default.MaxRuns;

    /// <summary>Warm-up samples per kernel after its correctness run.</summary>
    [Parameter]
    public int Warmup { get; set; } = MeasurementSettings.Default.Warmup;

    /// <summary>One sample lasts at least this long: fast kernels are repeated within it.</summary>
    [Parameter]
    public TimeSpan MinRunTime { get; set; } = MeasurementSettings.Default.MinRunTime;

    /// <summary>Sampling time per kernel after which adaptive sampling stops.</summary>
    [Parameter]
    public TimeSpan TimeBudget { get; set; } = MeasurementSettings.Default.TimeBudget;

    protected MeasurementSettings Settings => MyInvocation.BoundParameters.ContainsKey(nameof(Runs))
        ? MeasurementSettings.Fixed(Runs, Warmup) with { MinRunTime = MinRunTime }
        : new MeasurementSettings { MinRuns = MinRuns, MaxRuns = MaxRuns, Warmup = Warmup, MinRunTime = MinRunTime, TimeBudget = TimeBudget };

    protected SweepSpec Spec(IReadOnlyList<string> kernels, bool all) => new()
    {
        Kernels = kernels,
        AllKernels = all,
        Widths = Width,
        Heights = Height,
        MaxIterations = MaxIterations,
        Precisions = Precision,
        Threads = Threads is { Length: > 0 } ? Threads.Select(t => (int?)t).ToArray() : [null],
        Viewport = Viewport is null ? Engine.Problem.Viewport.Tutorial : new Viewport(Viewport[0], Viewport[1], Viewport[2], Viewport[3]),
        Grid = MyInvocation.BoundParameters.ContainsKey(nameof(TutorialSize)) ? GridStyle.Tutorial : GridStyle.Linear,
        TutorialSize = MyInvocation.BoundParameters.ContainsKey(nameof(TutorialSize)) ? TutorialSize : 1000,
        Options = new KernelOptions { VectorWidth = VectorWidth },
    };
}
