using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>The viewports every kernel is checked on, each chosen to stress something different.</summary>
public static class Scenarios
{
    /// <summary>The tutorial's area at 200x200, 300 iterations: the everyday case.</summary>
    public static RenderRequest Tutorial { get; } = new() { Width = 200, Height = 200, MaxIterations = 300 };

    /// <summary>1e-6 wide around Seahorse-valley filaments: neighbours differ by one ulp-scale step, long orbits.</summary>
    public static RenderRequest DeepZoom { get; } = new()
    {
        Viewport = Viewport.Around(-0.743643887037151, 0.131825904205330, 1e-6, 0.75e-6),
        Width = 64, Height = 48, MaxIterations = 1000,
    };

    /// <summary>Inside the main cardioid: every pixel runs all iterations, every lane stays active.</summary>
    public static RenderRequest Inside { get; } = new()
    {
        Viewport = new Viewport(-0.3, 0.1, -0.2, 0.2), Width = 37, Height = 19, MaxIterations = 200,
    };

    /// <summary>Far outside: every pixel escapes on the first iteration.</summary>
    public static RenderRequest Outside { get; } = new()
    {
        Viewport = new Viewport(2.5, 3.5, 2.0, 3.0), Width = 41, Height = 9, MaxIterations = 100,
    };

    public static string[] Names() => [nameof(Tutorial), nameof(DeepZoom), "BoundaryZoom", nameof(Inside), nameof(Outside), "OneByOne", "SevenByThirteen", "ThousandByOne", "BenchmarksGame", "TutorialGrid"];

    public static RenderRequest Get(string name) => name switch
    {
        nameof(Tutorial) => Tutorial,
        nameof(DeepZoom) => DeepZoom,
        nameof(Inside) => Inside,
        nameof(Outside) => Outside,
        "OneByOne" => new RenderRequest { Viewport = Viewport.Around(-0.75, 0.1, 0.01, 0.01), Width = 1, Height = 1, MaxIterations = 500 },
        "SevenByThirteen" => Tutorial with { Width = 7, Height = 13 },
        "ThousandByOne" => Tutorial with { Width = 1000, Height = 1, Viewport = new Viewport(-2.13, 0.77, -0.01, 0.01) },
        "BoundaryZoom" => DeepZoom with { Viewport = Viewport.Around(-0.743643887037151, 0.131825904205330, 1e-4, 0.75e-4) },
        "BenchmarksGame" => new RenderRequest { Grid = GridStyle.BenchmarksGame, Width = 97, Height = 97, MaxIterations = RenderPresets.BenchmarksGameIterations },
        "TutorialGrid" => new RenderRequest { Grid = GridStyle.Tutorial, TutorialSize = 100, MaxIterations = 300 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
