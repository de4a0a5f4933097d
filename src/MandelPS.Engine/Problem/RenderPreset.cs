namespace MandelPS.Engine.Problem;

/// <summary>Named problems defined elsewhere, reproduced exactly.</summary>
public enum RenderPreset
{
    None,

    /// <summary>The Computer Language Benchmarks Game mandelbrot task: N x N, 50 iterations, P4 PBM output.</summary>
    BenchmarksGame,
}

/// <summary>What a preset fixes.</summary>
public static class RenderPresets
{
    /// <summary>The Benchmarks Game's iteration count.</summary>
    public const int BenchmarksGameIterations = 50;

    /// <summary>The kernel a preset runs when none is named: a speed task gets the fastest exact kernel.</summary>
    public static string DefaultKernel(RenderPreset preset) =>
        preset == RenderPreset.BenchmarksGame ? "ParallelSimd" : RenderRequest.DefaultKernel;
}
