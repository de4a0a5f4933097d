using System.Diagnostics;
using System.Numerics;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>IL compiled from residual code, with its listing.</summary>
internal sealed record CompiledFormula<T>(EscapeCountFunction<T> EscapeCount, string Il);

/// <summary>Vector code compiled from residual code at one width (its step and race functions, each for <paramref name="InFlight"/> slots side by side), with its listing.</summary>
internal sealed record VectorFormula<T>(VectorStepFunction Step, VectorRaceFunction Race, VectorWidth Width, int InFlight, string Il);

/// <summary>
/// Each stage of a formula's pipeline (tree, residual code, IL, vector code), made once per formula,
/// precision (and width) through <see cref="FormulaCache"/>; the run that makes one records the time
/// as its Compile phase, JIT included (each compiled method is called once before it is handed out).
/// </summary>
internal static class FormulaStages
{
    public static ResidualProgram Residual<T>(Formula formula, PhaseLog phases)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Timed(phases, () => (formula.Residual<T>(out var built), built));

    public static CompiledFormula<T> Compiled<T>(Formula formula, PhaseLog phases)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Timed(phases, () => (FormulaCache.Get(formula, "il", Formula.PrecisionOf<T>(), () =>
        {
            var (function, il) = ScalarCompiler.Compile<T>(formula.Residual<T>());
            function(T.Zero, T.Zero, 1);
            return new CompiledFormula<T>(function, il);
        }, out var built), built));

    /// <param name="formula">The formula.</param>
    /// <param name="width">The vector width.</param>
    /// <param name="phases">Where a compile is recorded.</param>
    /// <param name="inFlight">Slots side by side; null: this machine's choice (<see cref="VectorsInFlight"/>). Tests run both at 512 bits.</param>
    public static VectorFormula<T> Vectorized<T>(Formula formula, VectorWidth width, PhaseLog phases, int? inFlight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var slots = inFlight ?? VectorCompiler.InFlight(width);
        return Timed(phases, () => (FormulaCache.Get(formula, $"vector{width}x{slots}", Formula.PrecisionOf<T>(), () =>
        {
            var (step, race, il) = VectorCompiler.Compile<T>(formula.Residual<T>(), width, slots);
            var state = new byte[VectorCompiler.StateBytes<T>(width, slots)]; // c = 0, no lane iterating: each method runs once, so both are compiled
            step(ref state[0], 1);
            race(ref state[0], SimdRows<T>.ShortestRace, 2);
            return new VectorFormula<T>(step, race, width, slots, il);
        }, out var built), built));
    }

    private static TValue Timed<TValue>(PhaseLog phases, Func<(TValue Value, bool Built)> make)
    {
        var clock = Stopwatch.StartNew();
        var (value, built) = make();
        if (built)
        {
            phases.Record(KernelPhase.Compile, clock.Elapsed);
        }

        return value;
    }
}
