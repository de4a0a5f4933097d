using System.Globalization;

namespace MandelPS.Engine.Problem;

/// <summary>
/// The one spelling of "which problem was solved" (grid, its viewport or tutorial size, pixels,
/// iterations, precision; no kernel, no tuning): plans and saved rows with equal keys have equal
/// reference counts, so they can be compared.
/// </summary>
public static class ProblemKeys
{
    public static string Format(GridStyle grid, string viewport, int tutorialSize, int width, int height, int maxIterations, Precision precision, string formula = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{grid}/{(grid == GridStyle.Tutorial ? tutorialSize.ToString(CultureInfo.InvariantCulture) : viewport)}/{width}x{height}/{maxIterations}/{precision}{formula}");

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
