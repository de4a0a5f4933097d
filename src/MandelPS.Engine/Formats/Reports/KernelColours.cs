using MandelPS.Engine.Kernels;

namespace MandelPS.Engine.Formats.Reports;

/// <summary>
/// One colour per kernel, the same in every chart and report: registry kernels by their place in the
/// ladder, any other name (a saved set from another version) by a stable hash of its text.
/// </summary>
public static class KernelColours
{
    // Tableau 20: ten hues, each dark and light, distinguishable side by side.
    private static readonly string[] Colours =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        "#1f3f66", "#a65d00", "#8c1d2a", "#2f6f69", "#2c5f24", "#9a7d00", "#6b3d63", "#c9576a", "#5c4030", "#6e6864",
    ];

    public static string For(string kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var names = KernelRegistry.Names.ToList();
        var index = names.FindIndex(n => string.Equals(n, kernel, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return Colours[index % Colours.Length];
        }

        // FNV-1a: string.GetHashCode differs run to run, and a colour must not.
        var hash = 2166136261u;
        foreach (var c in kernel.ToUpperInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Colours[hash % (uint)Colours.Length];
    }
}
