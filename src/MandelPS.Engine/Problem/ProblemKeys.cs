using System.Globalization;

namespace MandelPS.Engine.Problem;

/// <summary>
/// The one spelling of "which problem was solved" (grid, its viewport or tutorial size, pixels,
/// iterations, precision; no kernel, no tuning): plans and saved rows with equal keys have equal
/// reference counts, so they can be compared.
/// </summary>
public static class ProblemKeys
{
    public static string Format(GridStyle grid, string viewport, int tutorialSize, int width, int height, int maxIterations, Precision precision) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{grid}/{(grid == GridStyle.Tutorial ? tutorialSize.ToString(CultureInfo.InvariantCulture) : viewport)}/{width}x{height}/{maxIterations}/{precision}");
}
