namespace MandelPS.Engine.Kernels;

/// <summary>
/// Kernel names for tab completion: the registry's names that start with what was typed, or that match
/// it when it is itself a wildcard pattern ("*Simd").
/// </summary>
public static class KernelNameCompletion
{
    public static IEnumerable<string> Complete(string? wordToComplete)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = Wildcard.HasWildcards(prefix) ? prefix : prefix + "*";
        return KernelRegistry.Names.Where(n => Wildcard.IsMatch(n, pattern));
    }
}
