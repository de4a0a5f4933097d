using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Kernels;

/// <summary>Every kernel: the ladder in order (slowest technique first), then the experiments. A new kernel joins with one line.</summary>
public static class KernelRegistry
{
    private static readonly Kernel[] BuiltIn =
    [
        new NaiveKernel(),
        new HoistedKernel(),
        new ExpandedKernel(),
        new VectorWholeKernel(),
        new VectorBlockedKernel(),
        new SimdKernel(),
        new ParallelKernel(),
        new ParallelSimdKernel(),
        new MultiProcessKernel(),

        // Fast and wrong, each measured against its exact twin; and the yardstick finer than double.
        new LazyEscapeKernel(),
        new FusedMultiplyAddKernel(),
        new ParallelUnsynchronizedKernel(),
        new DoubleDoubleKernel(),

        // Shared data with and without synchronisation (the Pythebo experiment).
        new BuddhabrotPrivateKernel(),
        new BuddhabrotInterlockedKernel(),
        new BuddhabrotLockedKernel(),
        new BuddhabrotUnsynchronizedKernel(),

        // A user's formula, from interpreted to vectorised code (the partial-evaluation experiment).
        new FormulaInterpretedKernel(),
        new FormulaSpecializedKernel(),
        new FormulaCompiledKernel(),
        new FormulaVectorizedKernel(),
    ];

    // GPU kernels come from their own assembly (MandelPS.Gpu) when it is installed beside the engine. Loading
    // it costs a command ~8 ms, so a built-in kernel asked for by name is found without it.
    private static readonly Lazy<Kernel[]> Ladder = new(() => [.. BuiltIn, .. KernelProviders.All.SelectMany(p => p.Kernels)]);

    public static IReadOnlyList<Kernel> All => Ladder.Value;

    public static IEnumerable<string> Names => Ladder.Value.Select(k => k.Name);

    /// <summary>The kernels a name or wildcard pattern (* and ?) selects, case-insensitive, in ladder order.</summary>
    public static IReadOnlyList<Kernel> Match(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!Wildcard.HasWildcards(pattern) && Named(BuiltIn, pattern) is { } builtIn)
        {
            return [builtIn];
        }

        return Array.FindAll(Ladder.Value, k => Wildcard.IsMatch(k.Name, pattern));
    }

    /// <summary>
    /// The kernels a name or pattern selects; a plain name that matches nothing is an
    /// <see cref="ErrorKind.UnknownKernel"/> error listing the valid names (a pattern may match none).
    /// </summary>
    public static IReadOnlyList<Kernel> Resolve(string pattern)
    {
        var matches = Match(pattern);
        if (matches.Count == 0 && !Wildcard.HasWildcards(pattern))
        {
            throw new MandelPSException(ErrorKind.UnknownKernel, "Kernel",
                $"'{pattern}' is not a kernel; valid names: {string.Join(", ", Names)}", pattern);
        }

        return matches;
    }

    /// <summary>The kernel with exactly this name (case-insensitive), or an UnknownKernel error.</summary>
    public static Kernel Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Named(BuiltIn, name) ?? Named(Ladder.Value, name)
            ?? throw new MandelPSException(ErrorKind.UnknownKernel, "Kernel",
                $"'{name}' is not a kernel; valid names: {string.Join(", ", Names)}", name);
    }

    private static Kernel? Named(Kernel[] kernels, string name) =>
        Array.Find(kernels, k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
