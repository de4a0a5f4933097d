using System.Collections;
using System.Management.Automation;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// The one mapping from the parameters a cmdlet call bound (by name, by position or from the pipeline)
/// onto the engine's request builder and measurement settings. A parameter not bound, or bound to null
/// (an empty cell of a saved row), maps to null, so the engine tells "not given" from a default and
/// refuses contradictions. Every cmdlet that takes a request uses it.
/// </summary>
internal static class BoundParameters
{
    /// <summary>The request parameters of <see cref="RequestCmdlet"/>, by name.</summary>
    public static IReadOnlyList<string> RequestParameters { get; } =
        typeof(RequestCmdlet).GetProperties().Where(p => p.DeclaringType == typeof(RequestCmdlet) && p.IsDefined(typeof(ParameterAttribute), false)).Select(p => p.Name).ToList();

    public static RequestSpec ToSpec(IDictionary bound, IReadOnlyList<string>? kernels, bool all) => new()
    {
        Kernel = kernels,
        All = all,
        Width = Get<int[]>(bound, "Width"),
        Height = Get<int[]>(bound, "Height"),
        MaxIterations = Get<int[]>(bound, "MaxIterations"),
        Precision = Get<Precision[]>(bound, "Precision"),
        Threads = Get<int[]>(bound, "Threads"),
        VectorWidth = Get<VectorWidth?>(bound, "VectorWidth"),
        BlockSize = Get<int[]>(bound, "BlockSize"),
        EscapeInterval = Get<int[]>(bound, "EscapeInterval"),
        Device = Get<string>(bound, "Device"),
        GroupSize = Get<int[]>(bound, "GroupSize"),
        IncludeLossy = Get<SwitchParameter?>(bound, "IncludeLossy")?.IsPresent == true,
        Viewport = Get<double[]>(bound, "Viewport") is [var xmin, var xmax, var ymin, var ymax] ? new Viewport(xmin, xmax, ymin, ymax) : null,
        Center = Get<double[]>(bound, "Center") is [var x, var y] ? (x, y) : null,
        Zoom = Get<double?>(bound, "Zoom"),
        TutorialSize = Get<int?>(bound, "TutorialSize"),
        Preset = Get<RenderPreset?>(bound, "Preset") ?? RenderPreset.None,
        Size = Get<int?>(bound, "Size"),
        Formula = Get<string>(bound, "Formula"),
        EscapeRadius = Get<double?>(bound, "EscapeRadius"),
    };

    public static MeasurementSettings ToSettings(IDictionary bound)
    {
        var settings = MeasurementSettings.From(
            runs: Get<int?>(bound, "Runs"), minRuns: Get<int?>(bound, "MinRuns"), maxRuns: Get<int?>(bound, "MaxRuns"), warmup: Get<int?>(bound, "Warmup"),
            minRunTimeMs: Get<double?>(bound, "MinRunTimeMs"), timeBudgetSeconds: Get<double?>(bound, "TimeBudgetSeconds"),
            threshold: Get<double?>(bound, "Threshold"), alpha: Get<double?>(bound, "Alpha"));
        return Get<int?>(bound, "Seed") is { } seed ? settings with { Seed = seed } : settings;
    }

    /// <summary>The bound value as <typeparamref name="T"/>, or default when the parameter was not bound or bound to null.</summary>
    private static T? Get<T>(IDictionary bound, string name) =>
        bound.Contains(name) && bound[name] is { } value ? (T)LanguagePrimitives.ConvertTo(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture) : default;
}
