using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// How many registers of pixels FormulaVectorized's code steps side by side. Six at 256 and 128 bits, where a
/// 3-cycle multiply or add issues on two pipes and four orbits leave them waiting on the step's chain of three
/// (with z written in place, six fit AVX2's 16 registers: +10-15% for z^2 + c, one AVX2-only alternating run).
/// At 512 bits four or six, whichever races z^2 + c faster here, timed once per process: where a 512-bit
/// operation takes a 256-bit pipe twice (Zen 4, the Intel Xeons here) four keep the pipes busy, and groups of
/// six, before the pool, wasted more lanes on the standard view (-8-12%) than they gained; where it issues on
/// as many pipes as a 256-bit one (Zen 5) four left them waiting: six ran 13-16% faster on the standard view
/// and 29-30% where nothing escapes (one thread, alternating builds).
/// </summary>
internal static class VectorsInFlight
{
    private static readonly Lazy<int> Wide = new(TimedWide);

    public static int For(VectorWidth width) => width == VectorWidth.Bits512 ? Wide.Value : 6;

    /// <summary>Four or six, whichever races z^2 + c (double, every lane inside the set) faster per pixel at 512 bits here.</summary>
    private static int TimedWide()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return 4; // 512-bit vectors run only where asked for, in software: nothing to time
        }

        var program = Formula.Parse(Formula.DefaultText).Residual<double>();
        var (four, six) = (TimedRace(program, 4), TimedRace(program, 6));
        return TimedChoice.SecondIsFaster(sixInFlight => sixInFlight ? 4 * six() : 6 * four()) ? 6 : 4; // ticks for 24 slots' work
    }

    /// <summary>A timed race of z^2 + c at 512 bits: <paramref name="inFlight"/> slots, c = -0.1 + 0.1i (no lane escapes, z settles), 8 blocks of 512.</summary>
    private static Func<long> TimedRace(ResidualProgram program, int inFlight)
    {
        var (_, race, _) = VectorCompiler.Compile<double>(program, VectorWidth.Bits512, inFlight);
        var state = new CacheAligned<Vector512<double>>(inFlight * VectorCompiler.StateFields);
        for (var slot = 0; slot < inFlight; slot++)
        {
            ref var fields = ref Unsafe.Add(ref state.First, slot * VectorCompiler.StateFields);
            Unsafe.Add(ref fields, VectorCompiler.ActiveField) = Vector512<double>.AllBitsSet;
            Unsafe.Add(ref fields, VectorCompiler.CxField) = Vector512.Create(-0.1);
            Unsafe.Add(ref fields, VectorCompiler.CyField) = Vector512.Create(0.1);
        }

        return () =>
        {
            var start = Stopwatch.GetTimestamp();
            race(ref Unsafe.As<Vector512<double>, byte>(ref state.First), SimdRows<double>.LongestRace, 8);
            return Stopwatch.GetTimestamp() - start;
        };
    }
}
