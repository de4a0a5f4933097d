using System.Globalization;

namespace MandelPS.Engine.Problem;

/// <summary>
/// The one spelling of "which problem was solved" (grid, its viewport or tutorial size, pixels,
/// iterations, precision, formula; no kernel, no tuning): plans and saved rows with equal keys have
/// equal reference counts, so they can be compared.
/// </summary>
public static class ProblemKeys
{
    /// <summary>
    /// "Linear/-2.13,0.77,-1.3,1.3/1000x1000/1000/Double" (the tutorial grid: its size in place of the viewport;
    /// a preset: "BenchmarksGame:N"), then the formula's part when it is not z^2 + c at 2.
    /// </summary>
    public static string Format(string grid, string? preset, int? size, int? tutorialSize, string? viewport, int width, int height, int maxIterations, string precision, string? formula, double escapeRadius)
    {
        string?[] parts = [string.IsNullOrEmpty(viewport) ? null : viewport, tutorialSize?.ToString(CultureInfo.InvariantCulture), preset is null && size is null ? null : $"{preset}:{size}"];
        var where = string.Join(";", parts.Where(p => p is not null));
        return string.Create(CultureInfo.InvariantCulture, $"{grid}/{where}/{width}x{height}/{maxIterations}/{precision}{FormulaPart(formula, escapeRadius)}");
    }

    /// <summary>
    /// The formula's part of a key: empty for z^2 + c escaping at 2 (so keys from before formulas
    /// existed still match), else "/f=z^3+c@2" (whitespace-free text and escape radius).
    /// </summary>
    public static string FormulaPart(string? formula, double escapeRadius)
    {
        var canonical = string.Concat((formula ?? "").Where(ch => !char.IsWhiteSpace(ch))).ToLowerInvariant();
        var isDefault = (canonical.Length == 0 || canonical == "z^2+c") && escapeRadius is Formulas.Formula.DefaultEscapeRadius or 0;
        return isDefault ? "" : string.Create(CultureInfo.InvariantCulture, $"/f={(canonical.Length == 0 ? "z^2+c" : canonical)}@{escapeRadius:R}");
    }
}
