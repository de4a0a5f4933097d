using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.OpenCl;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// GpuSource — the tutorial's pyCUDA SourceModule: the kernel written in the device's own language
/// (OpenCL C, GpuSource.cl beside this file), compiled by the driver at run time on any OpenCL device,
/// a GPU or pocl on a CPU; the build is cached per process. Teaches: what a JIT for device code costs
/// once (Compile) and what the device gives back per run. Exact: contraction is off in the source,
/// so every operation rounds as Expanded's does.
/// </summary>
public sealed class GpuSourceKernel : DeviceKernel, IListsDeviceCode
{
    internal const string KernelName = "escape";

    private static readonly Lazy<string> Source = new(() => ReadResource("GpuSource.cl"));

    public override string Name => "GpuSource";

    public override string Technique => "pyCUDA SourceModule style: OpenCL C compiled at run time by the device's driver (Silk.NET.OpenCL)";

    internal override GpuBackend Backend => GpuBackend.OpenCL;

    // Contraction is off in the source; single precision is exact only where the device keeps denormals.
    internal override bool IsExactOn(GpuDevice device, Precision precision) =>
        precision == Precision.Double || device.OpenCl?.SingleHasDenormals == true;

    public IReadOnlyList<string> CodeStages => ["OpenCL"];

    public string Code(string stage, Precision precision) =>
        string.Equals(stage, "OpenCL", StringComparison.OrdinalIgnoreCase)
            ? $"// build options: {BuildOptions(precision)}\n{Source.Value}"
            : throw MandelPSException.Invalid("Stage", $"'{stage}' is not a device-code stage of {Name}; allowed: OpenCL", stage);

    public override void Compute<T>(KernelJob<T> job)
    {
        var device = DeviceTargets.DeviceFor(job, GpuBackend.OpenCL);
        RunSource(OpenClSession.For(device.OpenCl!), device, Source.Value, BuildOptions(job.Plan.Precision), job);
    }

    /// <summary>Builds (once) and runs OpenCL C source whose kernel "escape" has the common signature; shared with generated device code.</summary>
    internal static void RunSource<T>(OpenClSession session, GpuDevice device, string source, string options, KernelJob<T> job)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var program = session.Program(source, options, job.Phases);
        var rowsPerBand = RowBands.RowsPerBand(job.Width, job.Height, job.MaxIterations, device.MaxAllocationBytes, device.IterationsPerBand);
        session.RunEscape(program, KernelName, job, rowsPerBand);
    }

    internal static string BuildOptions(Precision precision) => precision == Precision.Double ? "-D MANDELPS_DOUBLE" : "";

    internal static string ReadResource(string name)
    {
        using var stream = typeof(GpuSourceKernel).Assembly.GetManifestResourceStream("MandelPS.Gpu." + name)
            ?? throw new InvalidOperationException($"the embedded device code {name} is missing from MandelPS.Gpu");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
