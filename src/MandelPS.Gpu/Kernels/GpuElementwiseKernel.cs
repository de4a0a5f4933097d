using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using MandelPS.Engine.Kernels;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.Ilgpu;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// GpuElementwise — the tutorial's pyCUDA ElementwiseKernel: one work-item per pixel runs the whole
/// escape loop on the device; the host only uploads coordinates, launches once per band and downloads
/// counts. Teaches: put the loop where the data is, and the GPU's thousands of lanes do the rest.
/// Scalar equivalent: Expanded, in the same operation order (exact on ILGPU's CPU accelerator).
/// </summary>
public sealed class GpuElementwiseKernel : IlgpuKernel
{
    public override string Name => "GpuElementwise";

    public override string Technique => "pyCUDA ElementwiseKernel in ILGPU: one work-item per pixel, the whole escape loop on the device";

    internal override IEnumerable<(MethodInfo, bool)> DeviceMethods(Type real) =>
        [(typeof(GpuElementwiseKernel).GetMethod(nameof(Escape), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(real), false)];

    internal override void Run<T>(IlgpuSession session, GpuDevice device, KernelJob<T> job)
    {
        var kernel = session.Kernel(Key<T>(Name), a => a.LoadAutoGroupedStreamKernel<Index2D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int, T, int>(Escape), job.Phases);
        var four = T.CreateTruncating(4);
        RunInBands(session.Accelerator, device, job, (xs, ys, counts, row, rows) => kernel(new Index2D(job.Width, rows), xs, ys, counts, row, four, job.MaxIterations));
    }

    /// <summary>Device code: the reference's escape loop for pixel (x, rowOffset + y).</summary>
    internal static void Escape<T>(Index2D pixel, ArrayView<T> xs, ArrayView<T> ys, ArrayView<int> counts, int rowOffset, T four, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cx = xs[pixel.X];
        var cy = ys[rowOffset + pixel.Y];
        counts[(pixel.Y * xs.IntLength) + pixel.X] = ExpandedKernel.EscapeCount(cx, cy, four, maxIterations);
    }
}
