using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FormulaSpecialized — partial evaluation ("write an interpreter, get a compiler for free"): with the
/// formula and its constants static, the tree is folded, z^n multiplied out and complex arithmetic
/// expanded into a residual program of real SSA instructions (<see cref="ResidualProgram"/>), run by
/// a tight register-machine loop with no node kinds and no boxes, on one core.
/// Teaches: specialising away the interpretive overhead. Exact: the reference for non-default formulas.
/// </summary>
public sealed class FormulaSpecializedKernel : FormulaKernel
{
    public override string Name => "FormulaSpecialized";

    public override string Technique => "partial evaluator: folded, unrolled, real-valued residual code on a register machine";

    public override void Compute<T>(KernelJob<T> job)
    {
        var machine = new ResidualMachine<T>(FormulaStages.Residual<T>(job.Plan.Formula, job.Phases));
        for (var j = 0; j < job.Height; j++)
        {
            machine.SolveRow(job.X, job.Y[j], job.MaxIterations, job.Row(j), job.Cancellation);
        }
    }
}
