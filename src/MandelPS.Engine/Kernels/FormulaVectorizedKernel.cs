using System.Numerics;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FormulaVectorized — the Simd kernel's technique for any formula: the residual program compiled to
/// Vector128/256/512 code (<see cref="VectorCompiler"/>) with per-lane escape, four or six vectors in
/// flight; after the first iterations (raced too where the row's previous group outlived them) each
/// vector still iterating races in its worker's pool in blocks, keeping each lane's largest |z|^2 (an
/// exact redo of a block in which a lane escaped), and a finished vector's slot is refilled at once
/// (<see cref="VectorFormulaRows{TLanes, TVec, T}"/>); rows pulled by one worker per core. Teaches: a
/// user formula at hand-written SIMD speed. Exact, lane for lane the scalar residual code. Honours
/// VectorWidth and Threads.
/// </summary>
public sealed class FormulaVectorizedKernel : FormulaKernel
{
    public override string Name => "FormulaVectorized";

    public override string Technique => "residual code compiled to SIMD vector code (per-lane escape masks, then raced 64-iteration blocks keeping the largest |z|^2, redone exactly where a lane escaped, a finished vector's slot refilled at once), rows over every core";

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Formula, KernelOption.EscapeRadius, KernelOption.Threads(), KernelOption.VectorWidth];

    public override void Compute<T>(KernelJob<T> job) => Solve(job);

    /// <summary>Solves the job with the formula's vector code, one <see cref="VectorFormulaRows{TLanes, TVec, T}"/> per worker.</summary>
    /// <param name="job">The job.</param>
    /// <param name="forcedFromStart">Null: a group races its first iterations where the row's previous group outlived them. Tests force it on or off.</param>
    /// <param name="inFlight">Slots side by side; null: this machine's choice (<see cref="VectorsInFlight"/>). Tests force each.</param>
    internal static void Solve<T>(KernelJob<T> job, bool? forcedFromStart = null, int? inFlight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var code = FormulaStages.Vectorized<T>(job.Plan.Formula, job.VectorWidth, job.Phases, inFlight);
        var group = VectorCompiler.PixelsPerCall<T>(job.VectorWidth, code.InFlight);
        var paddedX = CacheAligned<T>.CopyOf(job.X, (job.Width + group - 1) / group * group, job.X[^1]);
        RowScheduler.Run(job.Height, job.Threads, () => Rows(job, code, paddedX, forcedFromStart), (j, rows) => rows.Row(j), rows => rows.Finish(), job.Cancellation);
    }

    private static IVectorFormulaRows Rows<T>(KernelJob<T> job, VectorFormula<T> code, CacheAligned<T> paddedX, bool? forcedFromStart)
        where T : unmanaged, IFloatingPointIeee754<T> => job.VectorWidth switch
        {
            VectorWidth.Bits512 => new VectorFormulaRows<Lanes512<T>, Vector512<T>, T>(job, code, paddedX, forcedFromStart),
            VectorWidth.Bits256 => new VectorFormulaRows<Lanes256<T>, Vector256<T>, T>(job, code, paddedX, forcedFromStart),
            VectorWidth.Bits128 => new VectorFormulaRows<Lanes128<T>, Vector128<T>, T>(job, code, paddedX, forcedFromStart),
            _ => throw new System.Diagnostics.UnreachableException($"The plan resolves a vector kernel's width; got {job.VectorWidth}."),
        };
}
