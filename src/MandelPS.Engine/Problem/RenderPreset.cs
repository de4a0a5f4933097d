namespace MandelPS.Engine.Problem;

/// <summary>Named problems defined elsewhere, reproduced exactly.</summary>
public enum RenderPreset
{
    None,

    /// <summary>The Computer Language Benchmarks Game mandelbrot task: N x N, 50 iterations, P4 PBM output.</summary>
    BenchmarksGame,
}

/// <summary>Turns a preset and its size into a request.</summary>
public static class RenderPresets
{
    /// <summary>The Benchmarks Game's iteration count.</summary>
    public const int BenchmarksGameIterations = 50;

    /// <summary>The kernel a preset runs when none is named: a speed task gets the fastest exact kernel.</summary>
    public static string DefaultKernel(RenderPreset preset) =>
        preset == RenderPreset.BenchmarksGame ? "ParallelSimd" : RenderRequest.DefaultKernel;

    public static RenderRequest Apply(RenderPreset preset, int size, RenderRequest template) => preset switch
    {
        RenderPreset.None => template,
        RenderPreset.BenchmarksGame => template with
        {
            Grid = GridStyle.BenchmarksGame,
            Width = size,
            Height = size,
            MaxIterations = BenchmarksGameIterations,
        },
        _ => throw new RequestValidationException("Preset", $"{(int)preset} is not one of {string.Join(", ", Enum.GetNames<RenderPreset>())}"),
    };
}
