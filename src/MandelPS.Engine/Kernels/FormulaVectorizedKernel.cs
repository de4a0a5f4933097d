using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// FormulaVectorized — the Simd kernel's technique for any formula: the residual program compiled to
/// Vector128/256/512 code (<see cref="VectorCompiler"/>) with per-lane escape, four or six registers in
/// flight, after the first iterations raced in blocks keeping each lane's largest |z|^2 (an exact redo
/// of a block in which a lane escaped; the first iterations are raced too where the row's previous group
/// outlived them), rows pulled by one worker per core; a row's last pixels that
/// fill no whole group are padded with copies of its last pixel. Teaches: a user formula at hand-written SIMD speed. Exact, lane for lane
/// the scalar residual code. Honours VectorWidth and Threads.
/// </summary>
public sealed class FormulaVectorizedKernel : FormulaKernel
{
    public override string Name => "FormulaVectorized";

    public override string Technique => "residual code compiled to SIMD vector code (per-lane escape masks, then raced 64-iteration blocks keeping the largest |z|^2, redone exactly where a lane escaped), rows over every core";

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Formula, KernelOption.EscapeRadius, KernelOption.Threads(), KernelOption.VectorWidth];

    public override void Compute<T>(KernelJob<T> job)
    {
        var formula = job.Plan.Formula;
        var solve = FormulaStages.Vectorized<T>(formula, job.VectorWidth, job.Phases).Solve;
        var group = VectorCompiler.PixelsPerCall<T>(job.VectorWidth);
        var whole = job.Width / group * group;
        var alignedX = CacheAligned<T>.CopyOf(job.X, job.Width); // read as vectors every step: no read straddles two cache lines
        // Fully optimized from its first call, as the generated code is: a row at tier 0 ran its groups'
        // bookkeeping several times slower until tiering caught up, so a kernel measured after another
        // in one process (where tiering waits longer) read 5-10% slow.
        RowScheduler.Run(job.Height, job.Threads, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (j) =>
        {
            var cy = job.Y[j];
            var output = job.Row(j);
            ref var x = ref alignedX.First;
            ref var counts = ref MemoryMarshal.GetReference(output);
            Span<long> groups = stackalloc long[4]; // by the ways they raced: none, running maximum, final test, from the start
            var previousKeptEveryLane = false;
            for (var i = 0; i < whole; i += group)
            {
                job.Cancellation.ThrowIfCancellationRequested(); // per group: a deep row can take minutes
                groups[Path(solve(ref Unsafe.Add(ref x, i), cy, job.MaxIterations, ref Unsafe.Add(ref counts, i), raceFirst: previousKeptEveryLane))]++;

                // Inside the set a group's neighbour lives as long: if every pixel of this group outlived the
                // stepped iterations, the next one races them first.
                previousKeptEveryLane = output.Slice(i, group).IndexOfAnyInRange(0, SimdRows<T>.RaceAfter - 1) < 0;
            }

            if (whole < output.Length)
            {
                // The row's last pixels fill part of a group: the rest repeat its last pixel, which
                // escapes (or not) with it, so padding never makes the group iterate longer.
                Span<T> tailX = stackalloc T[group];
                Span<int> tailCounts = stackalloc int[group];
                job.X.AsSpan(whole).CopyTo(tailX);
                tailX[(output.Length - whole)..].Fill(job.X[^1]);
                groups[Path(solve(ref MemoryMarshal.GetReference(tailX), cy, job.MaxIterations, ref MemoryMarshal.GetReference(tailCounts), raceFirst: previousKeptEveryLane))]++;
                tailCounts[..(output.Length - whole)].CopyTo(output[whole..]);
            }

            SimdRows<T>.CountPaths(job.Phases, groups);
        }, job.Cancellation);
    }

    /// <summary>A group's path, as the Simd kernel names them: raced from the start if its first iterations were, else with the final test if any block was, else with the running maximum if any was, else stepped.</summary>
    private static int Path(int raced) =>
        (raced & (1 << VectorCompiler.RacedFromStart)) != 0 ? VectorCompiler.RacedFromStart
        : (raced & (1 << VectorCompiler.RacedFinalTest)) != 0 ? VectorCompiler.RacedFinalTest
        : (raced & (1 << VectorCompiler.RacedRunningMaximum)) != 0 ? VectorCompiler.RacedRunningMaximum
        : 0;
}
