using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FormulaCompiled — the tutorial's Numba/Psyco step: the residual program compiled at run time to IL
/// (<see cref="ScalarCompiler"/>, Reflection.Emit) into a delegate over plain doubles or floats,
/// cached per formula and precision, its rows pulled by one worker per core.
/// Teaches: run-time code generation reaches hand-written speed. Exact.
/// </summary>
public sealed class FormulaCompiledKernel : FormulaKernel
{
    public override string Name => "FormulaCompiled";

    public override string Technique => "residual code compiled to IL (Reflection.Emit), rows over every core";

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Formula, KernelOption.EscapeRadius, KernelOption.Threads()];

    public override void Compute<T>(KernelJob<T> job)
    {
        var escapeCount = FormulaStages.Compiled<T>(job.Plan.Formula, job.Phases).EscapeCount;
        RowScheduler.Run(job.Height, job.Threads, j =>
        {
            var cy = job.Y[j];
            var output = job.Row(j);
            for (var i = 0; i < output.Length; i++)
            {
                job.Cancellation.ThrowIfCancellationRequested();
                output[i] = escapeCount(job.X[i], cy, job.MaxIterations);
            }
        }, job.Cancellation);
    }
}
