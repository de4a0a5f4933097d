using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// Every registered kernel that runs here except the references themselves, and every option that takes a kernel down
/// another code path (each SIMD width this machine accelerates, block sizes, thread counts). A new
/// kernel joins every conformance test by joining the registry.
/// </summary>
public static class KernelVariants
{
    public static readonly VectorWidth[] SimdWidths = [VectorWidth.Bits128, VectorWidth.Bits256, VectorWidth.Bits512];

    public sealed record Variant(string Kernel, KernelOptions Options)
    {
        public override string ToString() =>
            Options == KernelOptions.Default ? Kernel : $"{Kernel}[{Options.VectorWidth},block {Options.BlockSize},threads {Options.Threads}]";

        public Kernel Definition => KernelRegistry.Get(Kernel);
    }

    public static IEnumerable<Variant> All()
    {
        foreach (var kernel in KernelRegistry.All.Where(k => k.Name != k.Reference && k.Availability.IsAvailable))
        {
            yield return new Variant(kernel.Name, KernelOptions.Default);
        }

        foreach (var width in SimdWidths.Where(AcceleratedWidths.IsAccelerated))
        {
            yield return new Variant("Simd", new KernelOptions { VectorWidth = width });
            yield return new Variant("ParallelSimd", new KernelOptions { VectorWidth = width, Threads = 3 });
            yield return new Variant("FormulaVectorized", new KernelOptions { VectorWidth = width, Threads = 3 });
        }

        foreach (var block in new[] { 1, 7, 64 })
        {
            yield return new Variant("VectorBlocked", new KernelOptions { BlockSize = block });
        }

        foreach (var threads in new[] { 1, 3 })
        {
            yield return new Variant("Parallel", new KernelOptions { Threads = threads });
        }
    }

    public static Variant Parse(string text) => All().Single(v => v.ToString() == text);
}
