namespace MandelPS.Engine.Kernels;

/// <summary>Every kernel, in ladder order (slowest technique first). A new kernel joins with one line.</summary>
public static class KernelRegistry
{
    private static readonly Kernel[] Ladder =
    [
        new NaiveKernel(),
        new HoistedKernel(),
        new ExpandedKernel(),
        new VectorWholeKernel(),
        new VectorBlockedKernel(),
        new SimdKernel(),
        new ParallelKernel(),
        new ParallelSimdKernel(),
    ];

    public static IReadOnlyList<Kernel> All => Ladder;

    public static IEnumerable<string> Names => Ladder.Select(k => k.Name);

    public static Kernel? Find(string name) =>
        Array.Find(Ladder, k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kernel named (case-insensitive), or <see cref="UnknownKernelException"/> listing valid names.</summary>
    public static Kernel Get(string name) => Find(name) ?? throw new UnknownKernelException(name, Names);
}
