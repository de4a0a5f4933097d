using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
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

    public override int? DefaultGroupSize => 256;

    internal override string? GroupSizeProblem(GpuDevice device, KernelOptions options) =>
        options.GroupSize is { } asked and <= KernelOptions.MaxGroupSize && device.Ilgpu is { } d && asked > d.MaxNumThreadsPerGroup
            ? $"a group of {asked} work-items is more than {device.Info.Id} allows ({d.MaxNumThreadsPerGroup}); use a group size of 1..{d.MaxNumThreadsPerGroup}"
            : null;

    internal override IEnumerable<(MethodInfo, bool)> DeviceMethods(Type real) =>
        [(typeof(GpuGridStrideKernel).GetMethod(nameof(Escape), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(real), true)];

    internal override void Run<T>(IlgpuSession session, GpuDevice device, KernelJob<T> job)
    {
        var accelerator = session.Accelerator;
        var kernel = session.Kernel(Key<T>(Name), a => a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int, T, int>(Escape), job.Phases);
        // The default group (256) shrinks to what the device allows (ILGPU's CPU accelerator: 16); an asked size was checked by the plan.
        var group = Math.Min(job.Plan.GroupSize, accelerator.MaxNumThreadsPerGroup);
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
