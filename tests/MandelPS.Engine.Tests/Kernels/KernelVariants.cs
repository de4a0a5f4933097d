using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>Every registered kernel, and every option that changes its code path (widths, blocks, threads).</summary>
public static class KernelVariants
{
    public sealed record Variant(string Kernel, KernelOptions Options)
    {
        public override string ToString() =>
            Options == KernelOptions.Default ? Kernel : $"{Kernel}[{Options.VectorWidth},{Options.BlockSize},{Options.DegreeOfParallelism}]";
    }

    public static IEnumerable<Variant> Exact()
    {
        foreach (var kernel in KernelRegistry.All.Where(k => k.IsExact && k.Availability.IsAvailable))
        {
            yield return new Variant(kernel.Name, KernelOptions.Default);
        }

        foreach (var width in SimdRows<double>.AcceleratedWidths().Where(w => w != VectorWidth.Auto))
        {
            yield return new Variant("Simd", new KernelOptions { VectorWidth = width });
        }

        foreach (var block in new[] { 1, 7, 64 })
        {
            yield return new Variant("VectorBlocked", new KernelOptions { BlockSize = block });
        }

        foreach (var threads in new[] { 1, 3 })
        {
            yield return new Variant("Parallel", new KernelOptions { DegreeOfParallelism = threads });
            yield return new Variant("ParallelSimd", new KernelOptions { DegreeOfParallelism = threads, VectorWidth = VectorWidth.Bits256 });
        }
    }

    public static IEnumerable<Variant> Lossy() =>
        KernelRegistry.All.Where(k => !k.IsExact && k.Availability.IsAvailable).Select(k => new Variant(k.Name, KernelOptions.Default));

    public static IEnumerable<string> ExactNames() => Exact().Select(v => v.ToString());

    public static Variant Parse(string text) => Exact().Concat(Lossy()).Single(v => v.ToString() == text);
}
