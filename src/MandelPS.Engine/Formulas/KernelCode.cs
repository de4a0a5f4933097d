using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// The code one stage of a formula's pipeline produced, as text: the row Get-KernelCode writes and
/// `mandelps code` prints. Flat scalar properties; <see cref="Kernel"/> names the strategy that runs it.
/// </summary>
public sealed class KernelCode
{
    public string Kernel { get; init; } = "";

    public string Formula { get; init; } = "";

    public double EscapeRadius { get; init; }

    public CodeStage Stage { get; init; }

    public Precision Precision { get; init; }

    /// <summary>The SIMD width of vector code (None for other stages).</summary>
    public VectorWidth VectorWidth { get; init; }

    /// <summary>Lines of <see cref="Code"/>.</summary>
    public int Lines { get; init; }

    public string Code { get; init; } = "";

    /// <summary>
    /// The listing of a stage for a formula (parsed and checked here: a bad one is an InvalidRequest
    /// error on Formula). Vector code is for the requested width, or the widest accelerated one.
    /// </summary>
    public static KernelCode For(string? formula, double escapeRadius, CodeStage stage, Precision precision, VectorWidth vectorWidth = VectorWidth.Auto)
    {
        var parsed = Formulas.Formula.Parse(formula, escapeRadius);
        if (!Enum.IsDefined(stage))
        {
            throw Errors.MandelPSException.Invalid("Stage", $"{(int)stage} is not one of {string.Join(", ", Enum.GetNames<CodeStage>())}");
        }

        if (!Enum.IsDefined(precision))
        {
            throw Errors.MandelPSException.Invalid("Precision", $"{(int)precision} is not one of {string.Join(", ", Enum.GetNames<Precision>())}");
        }

        var width = stage == CodeStage.Vector ? VectorWidthFor(vectorWidth) : VectorWidth.None;
        var code = stage switch
        {
            CodeStage.Tree => TreeListing.Of(parsed.Tree),
            CodeStage.Residual => parsed.Residual(precision).Listing(),
            CodeStage.IL => precision == Precision.Single
                ? FormulaStages.Compiled<float>(parsed, PhaseLog.Discard).Il
                : FormulaStages.Compiled<double>(parsed, PhaseLog.Discard).Il,
            CodeStage.Vector => precision == Precision.Single
                ? FormulaStages.Vectorized<float>(parsed, width, PhaseLog.Discard).Il
                : FormulaStages.Vectorized<double>(parsed, width, PhaseLog.Discard).Il,
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "a stage without a listing"),
        };
        return new KernelCode
        {
            Kernel = stage switch
            {
                CodeStage.Tree => "FormulaInterpreted",
                CodeStage.Residual => "FormulaSpecialized",
                CodeStage.IL => "FormulaCompiled",
                _ => "FormulaVectorized", // Vector: the switch above refused every other stage
            },
            Formula = parsed.Text,
            EscapeRadius = parsed.EscapeRadius,
            Stage = stage,
            Precision = precision,
            VectorWidth = width,
            Lines = code.TrimEnd().Split('\n').Length,
            Code = code.TrimEnd(),
        };
    }

    private static VectorWidth VectorWidthFor(VectorWidth requested)
    {
        var width = requested == VectorWidth.Auto ? AcceleratedWidths.Widest : requested;
        if (!AcceleratedWidths.IsAccelerated(width))
        {
            throw new Errors.MandelPSException(Errors.ErrorKind.KernelUnavailable, "VectorWidth",
                $"{width} vectors are not hardware-accelerated on this machine (accelerated here: {string.Join(", ", AcceleratedWidths.All)})", width);
        }

        return width;
    }
}
