using System.Runtime.InteropServices;
using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FormulaVectorized — the Simd kernel's technique for any formula: the residual program compiled to
/// Vector128/256/512 code (<see cref="VectorCompiler"/>) with per-lane escape, four registers in
/// flight, rows pulled by one worker per core; a row's last pixels that fill no whole group run the
/// compiled scalar code. Teaches: a user formula at hand-written SIMD speed. Exact, lane for lane
/// the scalar residual code. Honours VectorWidth and Threads.
/// </summary>
public sealed class FormulaVectorizedKernel : FormulaKernel
{
    public override string Name => "FormulaVectorized";

    public override string Technique => "residual code compiled to SIMD vector code (per-lane escape), rows over every core";

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Formula, KernelOption.EscapeRadius, KernelOption.Threads(), KernelOption.VectorWidth];

    public override void Compute<T>(KernelJob<T> job)
    {
        var formula = job.Plan.Formula;
        var solve = FormulaStages.Vectorized<T>(formula, job.VectorWidth, job.Phases).Solve;
        var escapeCount = FormulaStages.Compiled<T>(formula, job.Phases).EscapeCount;
        var group = VectorCompiler.PixelsPerCall<T>(job.VectorWidth);
        var whole = job.Width / group * group;
        RowScheduler.Run(job.Height, job.Threads, j =>
        {
            var cy = job.Y[j];
            var output = job.Row(j);
            ref var x = ref MemoryMarshal.GetArrayDataReference(job.X);
            ref var counts = ref MemoryMarshal.GetReference(output);
            for (var i = 0; i < whole; i += group)
            {
                job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
                solve(ref System.Runtime.CompilerServices.Unsafe.Add(ref x, i), cy, job.MaxIterations, ref System.Runtime.CompilerServices.Unsafe.Add(ref counts, i));
            }

            for (var i = whole; i < output.Length; i++)
            {
                output[i] = escapeCount(job.X[i], cy, job.MaxIterations);
            }
        }, job.Cancellation);
    }
}
