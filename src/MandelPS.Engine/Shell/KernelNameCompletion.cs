using MandelPS.Engine.Kernels;

namespace MandelPS.Engine.Shell;

/// <summary>Kernel names for tab completion: the registry's names that start with what was typed.</summary>
public static class KernelNameCompletion
{
    public static IEnumerable<string> Complete(string? wordToComplete)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return KernelRegistry.Names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || Wildcard.IsMatch(n, prefix.Contains('*') || prefix.Contains('?') ? prefix : prefix + "*"));
    }
}
