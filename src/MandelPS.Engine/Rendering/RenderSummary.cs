using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>What a render returns to a shell: flat scalars only, the request and what ran included; the counts stay on <see cref="RenderResult"/>.</summary>
public sealed class RenderSummary
{
    public string Kernel { get; init; } = "";

    public int Width { get; init; }

    public int Height { get; init; }

    public int MaxIterations { get; init; }

    public Precision Precision { get; init; }

    public GridStyle Grid { get; init; }

    /// <summary>xmin,xmax,ymin,ymax (invariant culture); the Benchmarks Game and Tutorial grids fix their own.</summary>
    public string Viewport { get; init; } = "";

    public int Threads { get; init; }

    public VectorWidth VectorWidth { get; init; }

    /// <summary>The device that ran the kernel ("CPU" for CPU kernels).</summary>
    public string Device { get; init; } = "";

    public long ValidationSum { get; init; }

    public long TotalIterations { get; init; }

    /// <summary>Milliseconds the kernel ran.</summary>
    public double ElapsedMs { get; init; }

    /// <summary>The phases the kernel timed ("Compile=80.1;Upload=0.4;Compute=3.2;Download=0.5", ms); empty for CPU kernels. ElapsedMs includes all of them.</summary>
    public string Phases { get; init; } = "";

    /// <summary>The image written, or empty when none was.</summary>
    public string Path { get; init; } = "";

    public static RenderSummary From(RenderResult result, string? path)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RenderSummary
        {
            Kernel = result.Kernel,
            Width = result.Width,
            Height = result.Height,
            MaxIterations = result.MaxIterations,
            Precision = result.Precision,
            Grid = result.Plan.Request.Grid,
            Viewport = result.Plan.Request.Viewport.ToString(),
            Threads = result.Threads,
            VectorWidth = result.VectorWidth,
            Device = result.Plan.Device,
            ValidationSum = result.ValidationSum,
            TotalIterations = result.TotalIterations,
            ElapsedMs = result.Elapsed.TotalMilliseconds,
            Phases = PhaseLog.Format(result.Phases),
            Path = path ?? "",
        };
    }
}
