using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Devices;
using MandelPS.Gpu.OpenCl;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// FormulaGpu — a user's formula as device code: the partial evaluator's residual code turned into
/// OpenCL C at run time (OpenClSource), built by the device's driver and run one work-item per pixel,
/// the SourceModule style with the source written by the program instead of by hand. Teaches: a JIT
/// for device code is a string generator plus the driver's compiler. Exact where the residual code has
/// only arithmetic (contraction off, correctly rounded division and square root); formulas that call
/// exp, cos, sin, atan2 or pow get the device's library, whose last bits may differ: reported as loss.
/// </summary>
public sealed class FormulaGpuKernel : FormulaKernel, IListsDeviceCode
{
    public override string Name => "FormulaGpu";

    public override string Technique => "The formula's residual code generated as OpenCL C and built by the device's driver at run time";

    public override KernelAvailability Availability => DeviceTargets.Default(TargetFor);

    public IReadOnlyList<string> CodeStages => ["OpenCL"];

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Formula, KernelOption.EscapeRadius, KernelOption.Device];

    public override KernelTarget TargetFor(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var residual = Formula.Parse(request.Formula, request.EscapeRadius).Residual(request.Precision);
        return DeviceTargets.For(request, GpuBackend.OpenCL, device => IsExactOn(device, residual));
    }

    /// <summary>
    /// Arithmetic only, and in single precision a device that keeps denormals and, where the code divides
    /// or takes a square root, can round those correctly.
    /// </summary>
    private static bool IsExactOn(GpuDevice device, ResidualProgram residual) =>
        OpenClSource.IsExact(residual)
        && (residual.Precision == Precision.Double
            || (device.OpenCl is { SingleHasDenormals: true } cl && (cl.SingleCanRoundDivideSqrt || !OpenClSource.NeedsCorrectlyRoundedDivideSqrt(residual))));

    /// <summary>The generated source for the default formula; Get-KernelCode -Formula f -Stage Gpu lists any other.</summary>
    public string Code(string stage, Precision precision) => OpenClSource.Generate(Formula.Parse(Formula.DefaultText).Residual(precision));

    public override void Compute<T>(KernelJob<T> job)
    {
        var device = DeviceTargets.DeviceFor(job, GpuBackend.OpenCL);
        var residual = job.Plan.Formula.Residual(job.Plan.Precision);
        var options = device.OpenCl!.SingleCanRoundDivideSqrt ? OpenClSource.BuildOptions(residual) : "";
        GpuSourceKernel.RunSource(OpenClSession.For(device.OpenCl), device, OpenClSource.Generate(residual), options, job);
    }
}
