using System.Collections;
using System.Management.Automation;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// The one mapping from the parameters a cmdlet call bound (by name, by position or from the pipeline)
/// onto the engine's request builder and measurement settings. Parameters not bound map to null, so
/// the engine tells "not given" from a default and refuses contradictions. Every cmdlet uses it, whether
/// its parameter takes one value (Invoke-Mandelbrot) or a list to sweep (Measure-Kernel).
/// </summary>
internal static class BoundParameters
{
    public static RequestSpec ToSpec(IDictionary bound, IReadOnlyList<string>? kernels, bool all) => new()
    {
        Kernel = kernels,
        All = all,
        Width = Ints(bound, "Width"),
        Height = Ints(bound, "Height"),
        MaxIterations = Ints(bound, "MaxIterations"),
        Precision = List<Precision>(bound, "Precision"),
        Threads = Ints(bound, "Threads"),
        VectorWidth = bound.Contains("VectorWidth") ? (VectorWidth)bound["VectorWidth"]! : null,
        BlockSize = bound.Contains("BlockSize") ? (int)bound["BlockSize"]! : null,
        EscapeInterval = bound.Contains("EscapeInterval") ? (int)bound["EscapeInterval"]! : null,
        Device = bound.Contains("Device") ? (string)bound["Device"]! : null,
        GroupSize = bound.Contains("GroupSize") ? (int)bound["GroupSize"]! : null,
        IncludeLossy = bound.Contains("IncludeLossy") && ((SwitchParameter)bound["IncludeLossy"]!).IsPresent,
        Viewport = bound.Contains("Viewport") && bound["Viewport"] is double[] { Length: 4 } v ? new Viewport(v[0], v[1], v[2], v[3]) : null,
        TutorialSize = bound.Contains("TutorialSize") ? (int)bound["TutorialSize"]! : null,
        Preset = bound.Contains("Preset") ? (RenderPreset)bound["Preset"]! : RenderPreset.None,
        Size = bound.Contains("Size") ? (int)bound["Size"]! : null,
        TileCount = Int(bound, "TileCount"),
        TileIndex = Int(bound, "TileIndex"),
        Palette = bound.Contains("Palette") ? (PaletteName)bound["Palette"]! : null,
        ColorScale = bound.Contains("ColorScale") ? (ColorScale)bound["ColorScale"]! : null,
        Formula = bound.Contains("Formula") ? (string?)bound["Formula"] : null,
        EscapeRadius = Double(bound, "EscapeRadius"),
    };

    public static MeasurementSettings ToSettings(IDictionary bound)
    {
        var settings = MeasurementSettings.From(
            runs: Int(bound, "Runs"), minRuns: Int(bound, "MinRuns"), maxRuns: Int(bound, "MaxRuns"), warmup: Int(bound, "Warmup"),
            minRunTimeMs: Double(bound, "MinRunTimeMs"), timeBudgetSeconds: Double(bound, "TimeBudgetSeconds"),
            threshold: Double(bound, "Threshold"), alpha: Double(bound, "Alpha"));
        return Int(bound, "Seed") is { } seed ? settings with { Seed = seed } : settings;
    }

    private static int? Int(IDictionary bound, string name) => bound.Contains(name) ? (int)bound[name]! : null;

    private static double? Double(IDictionary bound, string name) => bound.Contains(name) ? (double)bound[name]! : null;

    private static int[]? Ints(IDictionary bound, string name) => bound.Contains(name)
        ? bound[name] switch
        {
            int one => [one],
            int[] many => many,
            var other => throw new InvalidCastException($"{name} is bound to a {other?.GetType().Name}."),
        }
        : null;

    private static TValue[]? List<TValue>(IDictionary bound, string name)
        where TValue : struct => bound.Contains(name)
        ? bound[name] switch
        {
            TValue one => [one],
            TValue[] many => many,
            var other => throw new InvalidCastException($"{name} is bound to a {other?.GetType().Name}."),
        }
        : null;
}
