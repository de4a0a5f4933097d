using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FormulaInterpreted — the tutorial's CPython: a tree-walking interpreter over boxed, dynamically
/// dispatched values (<see cref="FormulaInterpreter{T}"/>), every node visited and every result
/// allocated each iteration of each pixel, on one core. Teaches: what interpretation costs; the
/// formula family's baseline. Exact: the same operations in the same order as the residual code.
/// </summary>
public sealed class FormulaInterpretedKernel : FormulaKernel
{
    public override string Name => "FormulaInterpreted";

    public override string Technique => "CPython-style tree-walking interpreter over boxed values (the formula baseline)";

    public override void Compute<T>(KernelJob<T> job)
    {
        var formula = job.Plan.Formula;
        var radiusSquared = formula.RadiusSquared<T>();
        for (var j = 0; j < job.Height; j++)
        {
            var cy = job.Y[j];
            var output = job.Row(j);
            for (var i = 0; i < job.Width; i++)
            {
                job.Cancellation.ThrowIfCancellationRequested();
                output[i] = FormulaInterpreter<T>.EscapeCount(formula.Tree, radiusSquared, job.X[i], cy, job.MaxIterations);
            }
        }
    }
}
