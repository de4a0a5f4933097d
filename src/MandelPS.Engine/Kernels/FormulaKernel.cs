using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// What the formula strategies share: they solve the plan's formula (-Formula, default z^2 + c) and
/// must all give the same counts: the Expanded reference's for z^2 + c escaping at 2, otherwise
/// <see cref="FormulaSpecializedKernel"/>'s (see RenderPlan.ReferenceKernel). They run only when
/// named, or with -All when a formula is given.
/// </summary>
public abstract class FormulaKernel : Kernel
{
    public override KernelFamily Family => KernelFamily.Formula;

    public override bool IsExact => true;

    public override bool InLadder => false;

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Formula, KernelOption.EscapeRadius];

    /// <summary>The reference for a formula other than the default.</summary>
    public const string FormulaReference = "FormulaSpecialized";

    /// <summary>The kernel a plan's counts must equal: Expanded for the default formula, else <see cref="FormulaReference"/>.</summary>
    public static string ReferenceFor(Formulas.Formula formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return formula.IsDefault ? RenderRequest.DefaultKernel : FormulaReference;
    }
}
