using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Shows the code each Formula strategy runs for a formula: the parsed tree, the partial evaluator's residual code, the emitted IL or vector IL.</para>
/// <para type="description">The equivalent of the tutorial's `dis` walkthrough and the partial-evaluation blog's residual-code listings: -Stage Tree is what FormulaInterpreted walks, Residual what FormulaSpecialized runs (constants folded, powers multiplied out, complex arithmetic expanded into real SSA code), IL and Vector the instructions FormulaCompiled and FormulaVectorized emit. The formula is checked like -Formula of Invoke-Mandelbrot; a bad one is an InvalidRequest error showing the position.</para>
/// </summary>
/// <example>
/// <code>Get-KernelCode -Formula 'z^3 + c' -Stage Residual</code>
/// <para>The residual code of z^3 + c: multiplications only, no power call.</para>
/// </example>
/// <example>
/// <code>Get-KernelCode -Formula 'conj(z)^2 + c' -Stage IL -Precision Single | Select-Object -ExpandProperty Code</code>
/// <para>The IL compiled for the Tricorn in single precision.</para>
/// </example>
/// <example>
/// <code>Get-KernelCode -Kernel GpuElementwise -Stage Ptx</code>
/// <para>The PTX ILGPU generates for the one-work-item-per-pixel GPU kernel (no GPU needed).</para>
/// </example>
/// <example>
/// <code>Get-KernelCode -Formula '(abs(re(z)) + abs(im(z))*i)^2 + c' -Stage Gpu</code>
/// <para>The OpenCL C FormulaGpu generates for the Burning Ship.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "KernelCode", DefaultParameterSetName = FormulaSet)]
[OutputType(typeof(KernelCode))]
public sealed class GetKernelCodeCommand : MandelPSCmdlet
{
    private const string FormulaSet = "Formula";
    private const string KernelSet = "Kernel";

    /// <summary>The iteration to list, e.g. 'z^3 + c' (default 'z^2 + c').</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = FormulaSet)]
    [ValidateNotNull]
    public string Formula { get; set; } = Engine.Formulas.Formula.DefaultText;

    /// <summary>A GPU kernel whose device code to show (GpuArrayOps, GpuElementwise, GpuGridStride: Ptx, OpenCL; GpuSource: OpenCL).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = KernelSet)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [Alias("Name")]
    public string Kernel { get; set; } = "";

    /// <summary>Which code to show: Tree, Residual, IL, Vector or Gpu for a formula (default Residual); Ptx or OpenCL for a kernel (default every stage it has).</summary>
    [Parameter(Position = 1)]
    public CodeStage[]? Stage { get; set; }

    /// <summary>|z| beyond which an orbit escapes (default 2).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = FormulaSet)]
    public double EscapeRadius { get; set; } = Engine.Formulas.Formula.DefaultEscapeRadius;

    /// <summary>The precision the code computes in (default Double).</summary>
    [Parameter]
    public Precision Precision { get; set; } = Precision.Double;

    /// <summary>The SIMD width of -Stage Vector; must be hardware-accelerated here (default Auto, the widest).</summary>
    [Parameter(ParameterSetName = FormulaSet)]
    public VectorWidth VectorWidth { get; set; } = VectorWidth.Auto;

    protected override void ProcessRecord()
    {
        try
        {
            var kernel = ParameterSetName == KernelSet ? Kernel : null;
            foreach (var stage in Stage ?? KernelCode.DefaultStages(kernel))
            {
                WriteObject(kernel is not null
                    ? KernelCode.ForKernel(kernel, stage, Precision)
                    : KernelCode.For(Formula, EscapeRadius, stage, Precision, VectorWidth));
            }
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }
}
