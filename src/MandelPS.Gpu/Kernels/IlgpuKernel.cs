using System.Diagnostics;
using System.Numerics;
using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Runtime;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.Ilgpu;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// The ILGPU kernels' host side: open the device, upload the coordinates, run the kernel's launches,
/// download the counts, each timed as its phase (a stopwatch around a synchronised step: ILGPU's CPU
/// accelerator has no device clock). Exact on ILGPU's CPU accelerator (it runs the IL); not claimed on
/// CUDA or OpenCL GPUs, whose compilers may fuse a*b+c (ILGPU's PTX has mul.f64 without .rn): there the
/// differing pixels are reported as loss.
/// </summary>
public abstract class IlgpuKernel : DeviceKernel, IListsDeviceCode
{
    internal override GpuBackend Backend => GpuBackend.Ilgpu;

    // Only ILGPU's CPU accelerator runs the IL itself; its OpenCL C has no FP_CONTRACT OFF and its PTX no .rn.
    internal override bool IsExactOn(GpuDevice device, Precision precision) => device.Ilgpu?.AcceleratorType == AcceleratorType.CPU;

    public IReadOnlyList<string> CodeStages => ["Ptx", "OpenCL"];

    /// <summary>The device methods this kernel launches, closed over T, with whether each is explicitly grouped.</summary>
    internal abstract IEnumerable<(MethodInfo Method, bool ExplicitlyGrouped)> DeviceMethods(Type real);

    public string Code(string stage, Precision precision) =>
        IlgpuCode.Listing(DeviceMethods(precision == Precision.Single ? typeof(float) : typeof(double)), stage);

    public override void Compute<T>(KernelJob<T> job)
    {
        var device = DeviceTargets.DeviceFor(job, GpuBackend.Ilgpu);
        var session = IlgpuSession.For(device.Ilgpu!);
        lock (session.Gate)
        {
            Run(session, device, job);
        }
    }

    /// <summary>Runs the job on the opened device; the caller holds the device.</summary>
    internal abstract void Run<T>(IlgpuSession session, GpuDevice device, KernelJob<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The per-pixel kernels' host loop: upload the coordinates once, then per band of rows launch
    /// (xs, ys, band counts, first row, rows) and download the band's counts, Ctrl+C checked between bands.
    /// </summary>
    internal static void RunInBands<T>(Accelerator accelerator, GpuDevice device, KernelJob<T> job, Action<ArrayView<T>, ArrayView<T>, ArrayView<int>, int, int> launch)
        where T : unmanaged
    {
        var rowsPerBand = RowBands.RowsPerBand(job.Width, job.Height, job.MaxIterations, device.MaxAllocationBytes, device.IterationsPerBand);
        using var xs = Upload(accelerator, job.X, job.Phases);
        using var ys = Upload(accelerator, job.Y, job.Phases);
        using var counts = accelerator.Allocate1D<int>((long)job.Width * rowsPerBand);
        for (var row = 0; row < job.Height; row += rowsPerBand)
        {
            job.Cancellation.ThrowIfCancellationRequested();
            var (first, rows) = (row, Math.Min(rowsPerBand, job.Height - row));
            Launch(accelerator, () => launch(xs.View, ys.View, counts.View, first, rows), job.Phases);
            Download(counts, job, first, rows);
        }
    }

    /// <summary>Copies host values into a new device buffer, timed as Upload.</summary>
    internal static MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(Accelerator accelerator, T[] values, PhaseLog phases)
        where T : unmanaged
    {
        var clock = Stopwatch.StartNew();
        var buffer = accelerator.Allocate1D(values);
        accelerator.Synchronize();
        phases.Record(KernelPhase.Upload, clock.Elapsed);
        return buffer;
    }

    /// <summary>Launches and waits, timed as Compute.</summary>
    internal static void Launch(Accelerator accelerator, Action launch, PhaseLog phases)
    {
        var clock = Stopwatch.StartNew();
        launch();
        accelerator.Synchronize();
        phases.Record(KernelPhase.Compute, clock.Elapsed);
    }

    /// <summary>Copies the first rows*width counts of a band into the job's counts, timed as Download.</summary>
    internal static void Download<T>(MemoryBuffer1D<int, Stride1D.Dense> counts, KernelJob<T> job, int row, int rows)
    {
        var clock = Stopwatch.StartNew();
        var into = job.Counts.AsSpan(row * job.Width, rows * job.Width);
        counts.View.SubView(0, into.Length).CopyToCPU(ref into[0], into.Length);
        job.Phases.Record(KernelPhase.Download, clock.Elapsed);
    }

    internal static string Key<T>(string name) => $"{name}<{typeof(T).Name}>";

    internal static EntryPointDescription EntryPoint(MethodInfo method, bool explicitlyGrouped) =>
        explicitlyGrouped ? EntryPointDescription.FromExplicitlyGroupedKernel(method) : EntryPointDescription.FromImplicitlyGroupedKernel(method);
}
