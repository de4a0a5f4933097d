using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using MandelPS.Engine.Kernels;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.Ilgpu;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// GpuArrayOps — the tutorial's pyCUDA gpuarray version: numpy-style whole-array operations, each a
/// small element-wise kernel, and the loop over iterations on the host: per iteration one launch
/// computes z = z*z + c for every live pixel and one tests |z|^2 &gt; 4 and records the escapes. Teaches:
/// array code moves to the GPU easily, but pays a launch and a full pass over memory per operation per
/// iteration, and computes every iteration for every pixel. Exact: same operation order as Expanded.
/// </summary>
public sealed class GpuArrayOpsKernel : IlgpuKernel
{
    public override string Name => "GpuArrayOps";

    public override string Technique => "pyCUDA gpuarray style in ILGPU: host loop over iterations, element-wise kernels over whole arrays";

    /// <summary>Per pixel on the device: cx, cy, zx, zy (the counts are the job's own).</summary>
    public override int WorkingBytesPerPixel => 4 * sizeof(double);

    internal override IEnumerable<(MethodInfo, bool)> DeviceMethods(Type real) =>
        [Method(nameof(Square), real), Method(nameof(TestEscape), real)];

    private static (MethodInfo, bool) Method(string name, Type real) =>
        (typeof(GpuArrayOpsKernel).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(real), false);

    internal override void Run<T>(IlgpuSession session, GpuDevice device, KernelJob<T> job)
    {
        var accelerator = session.Accelerator;
        var square = session.Kernel(Key<T>(Name + ".Square"), a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(Square), job.Phases);
        var test = session.Kernel(Key<T>(Name + ".Test"), a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, T, int, int>(TestEscape), job.Phases);
        var rowsPerBand = RowBands.RowsPerBand(job.Width, job.Height, job.MaxIterations, device.MaxAllocationBytes, device.IterationsPerBand * 8, 4 * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        var four = T.CreateTruncating(4);
        for (var row = 0; row < job.Height; row += rowsPerBand)
        {
            var rows = Math.Min(rowsPerBand, job.Height - row);
            var (cxHost, cyHost) = MeshGrid(job, row, rows);
            using var cx = Upload(accelerator, cxHost, job.Phases);
            using var cy = Upload(accelerator, cyHost, job.Phases);
            using var zx = accelerator.Allocate1D<T>(cxHost.Length);
            using var zy = accelerator.Allocate1D<T>(cxHost.Length);
            using var counts = Upload(accelerator, Enumerable.Repeat(job.MaxIterations, cxHost.Length).ToArray(), job.Phases);
            zx.MemSetToZero();
            zy.MemSetToZero();
            for (var n = 0; n < job.MaxIterations; n++)
            {
                // The host loop is where Ctrl+C is checked: every iteration is a pair of launches.
                job.Cancellation.ThrowIfCancellationRequested();
                var iteration = n;
                Launch(accelerator, () =>
                {
                    square(cxHost.Length, zx.View, zy.View, cx.View, cy.View, counts.View, job.MaxIterations);
                    test(cxHost.Length, zx.View, zy.View, counts.View, four, iteration, job.MaxIterations);
                }, job.Phases);
            }

            Download(counts, job, row, rows);
        }
    }

    /// <summary>numpy's meshgrid: every pixel's c as two flat arrays (the array style's traffic).</summary>
    private static (T[] Cx, T[] Cy) MeshGrid<T>(KernelJob<T> job, int row, int rows)
    {
        var cx = new T[rows * job.Width];
        var cy = new T[cx.Length];
        for (var j = 0; j < rows; j++)
        {
            job.X.CopyTo(cx, j * job.Width);
            Array.Fill(cy, job.Y[row + j], j * job.Width, job.Width);
        }

        return (cx, cy);
    }

    /// <summary>Device code: z = z*z + c for every pixel still iterating (count still at the limit).</summary>
    internal static void Square<T>(Index1D i, ArrayView<T> zx, ArrayView<T> zy, ArrayView<T> cx, ArrayView<T> cy, ArrayView<int> counts, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (counts[i] == maxIterations)
        {
            var x = zx[i];
            var y = zy[i];
            zx[i] = (x * x - y * y) + cx[i];
            zy[i] = (x * y + y * x) + cy[i];
        }
    }

    /// <summary>Device code: a live pixel with |z|^2 &gt; 4 escaped at iteration n.</summary>
    internal static void TestEscape<T>(Index1D i, ArrayView<T> zx, ArrayView<T> zy, ArrayView<int> counts, T four, int n, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (counts[i] == maxIterations && zx[i] * zx[i] + zy[i] * zy[i] > four)
        {
            counts[i] = n;
        }
    }
}
