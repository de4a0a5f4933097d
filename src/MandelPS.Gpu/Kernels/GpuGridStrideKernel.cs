using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using MandelPS.Engine.Kernels;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.Ilgpu;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// GpuGridStride — a fixed grid sized to fill the device once (multiprocessors x resident threads), each
/// work-item striding over pixels; the group size is an option (-GroupSize). Teaches: size the launch
/// to the hardware, not to the data, and let a thread finishing a cheap pixel pick up the next.
/// Scalar equivalent: Expanded, same operation order (exact on ILGPU's CPU accelerator).
/// </summary>
public sealed class GpuGridStrideKernel : IlgpuKernel
{
    public override string Name => "GpuGridStride";

    public override string Technique => "Grid-stride loop in ILGPU: a fixed grid that fills the device, each work-item striding over pixels (-GroupSize)";

    private const int PreferredGroupSize = 256;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Device, KernelOption.GroupSize(PreferredGroupSize)];

    // The default group shrinks to what the device allows (ILGPU's CPU accelerator: 16); an asked one must fit.
    internal override (int? GroupSize, string? Problem) GroupSizeFor(GpuDevice device, int? asked)
    {
        var allowed = device.Ilgpu?.MaxNumThreadsPerGroup ?? PreferredGroupSize;
        return asked is { } size && size > allowed
            ? (null, $"a group of {size} work-items is more than {device.Info.Id} allows ({allowed}); use a group size of 1..{allowed}")
            : (asked ?? Math.Min(PreferredGroupSize, allowed), null);
    }

    internal override IEnumerable<(MethodInfo, bool)> DeviceMethods(Type real) =>
        [(typeof(GpuGridStrideKernel).GetMethod(nameof(Escape), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(real), true)];

    internal override void Run<T>(IlgpuSession session, GpuDevice device, KernelJob<T> job)
    {
        var accelerator = session.Accelerator;
        var kernel = session.Kernel(Key<T>(Name), a => a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int, T, int>(Escape), job.Phases);
        var group = job.Plan.Settings.GroupSize ?? throw new InvalidOperationException("the plan resolves a group size for GpuGridStride");
        var groups = Math.Max(1, accelerator.NumMultiprocessors * Math.Max(1, accelerator.MaxNumThreadsPerMultiprocessor / group));
        var four = T.CreateTruncating(4);
        RunInBands(accelerator, device, job, (xs, ys, counts, row, rows) => kernel(new KernelConfig(groups, group), xs, ys, counts, row, rows * job.Width, four, job.MaxIterations));
    }

    /// <summary>Device code: pixels k, k + grid, k + 2*grid, ... of the band, each through the reference's escape loop.</summary>
    internal static void Escape<T>(ArrayView<T> xs, ArrayView<T> ys, ArrayView<int> counts, int rowOffset, int pixels, T four, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = xs.IntLength;
        long stride = Grid.DimX * Group.DimX;
        // long: k + stride must not wrap past int.MaxValue on a band near 2^31 pixels.
        for (long k = Grid.GlobalIndex.X; k < pixels; k += stride)
        {
            var cx = xs[(int)(k % width)];
            var cy = ys[rowOffset + (int)(k / width)];
            counts[k] = ExpandedKernel.EscapeCount(cx, cy, four, maxIterations);
        }
    }
}
