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

        var width = stage == CodeStage.Vector ? VectorWidths.Resolve(vectorWidth, "FormulaVectorized") : VectorWidth.None;
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
            CodeStage.Gpu => OpenClSource.Generate(parsed.Residual(precision)),
            _ => throw Errors.MandelPSException.Invalid("Stage", $"{stage} is a GPU kernel's device code: name the kernel (@Kernel GpuElementwise); a formula's stages are Tree, Residual, IL, Vector and Gpu", stage),
        };
        return new KernelCode
        {
            Kernel = stage switch
            {
                CodeStage.Tree => "FormulaInterpreted",
                CodeStage.Residual => "FormulaSpecialized",
                CodeStage.IL => "FormulaCompiled",
                CodeStage.Gpu => "FormulaGpu",
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

    /// <summary>What is listed when no stage is asked for: a formula's residual code, or every stage a kernel has.</summary>
    public static IReadOnlyList<CodeStage> DefaultStages(string? kernel) =>
        kernel is null ? [CodeStage.Residual]
        : KernelRegistry.Get(kernel) is IListsDeviceCode listing ? listing.CodeStages.Select(Enum.Parse<CodeStage>).ToList()
        : [CodeStage.OpenCL]; // ForKernel then says the kernel has no device code

    /// <summary>
    /// A GPU kernel's device code for a stage (Ptx or OpenCL), as the kernel lists it without a device;
    /// a kernel without device code, or a stage it has not, is an InvalidRequest error naming what it has.
    /// </summary>
    public static KernelCode ForKernel(string kernel, CodeStage stage, Precision precision)
    {
        var resolved = KernelRegistry.Get(kernel);
        if (resolved is not IListsDeviceCode listing)
        {
            throw Errors.MandelPSException.Invalid("Kernel", $"{resolved.Name} has no device code to list; kernels that have: {string.Join(", ", KernelRegistry.All.OfType<IListsDeviceCode>().Select(k => ((Kernel)k).Name))} (a formula's code: @Formula with @Stage Tree, Residual, IL, Vector or Gpu)", kernel);
        }

        if (!listing.CodeStages.Contains(stage.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            throw Errors.MandelPSException.Invalid("Stage", $"{resolved.Name} lists {string.Join(", ", listing.CodeStages)}, not {stage}", stage);
        }

        var code = listing.Code(stage.ToString(), precision).TrimEnd();
        return new KernelCode
        {
            Kernel = resolved.Name,
            Stage = stage,
            Precision = precision,
            VectorWidth = VectorWidth.None,
            Lines = code.Split('\n').Length,
            Code = code,
        };
    }
}
