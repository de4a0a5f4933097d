using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The form of the exact step a race pool's slots take: plain, the reference's 3 multiplies and 4 adds in
/// every slot, or mixed, every second slot doubling zx*zy by a multiply instead of an add (4 and 3:
/// <see cref="BareOrbit{TLanes, TVec, T}.StepBalancedAt"/>). Both are the reference's values bit for bit. Which
/// runs faster is the core's business: mixed where separate multiply and add pipes would leave one idle
/// (Zen), plain where both kinds share pipes and an add's latency is half a multiply's, as on an Intel Xeon
/// (Sapphire Rapids class) with AVX2's six slots: plain 3.6-3.8% faster where nothing escapes, 1.2-1.7% in
/// the standard view; its twelve AVX-512 slots tied within 1%. A type, so each race loop is compiled for one form.
/// </summary>
internal interface IRaceStepForm
{
    /// <summary>
    /// A race's every second orbit's step in this form, c read where it is added. A static of the form, not a branch
    /// in the step: a branch on the form inside the inlined step kept the JIT from holding those orbits in registers,
    /// and one around two calls made each read of c a lea and a load (a reference used twice becomes a temporary).
    /// </summary>
    static abstract void StepSecond<TLanes, TVec, T>(ref BareOrbit<TLanes, TVec, T> orbit, ref readonly TVec cx, ref readonly TVec cy, TVec two)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged;
}

internal readonly struct PlainSteps : IRaceStepForm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StepSecond<TLanes, TVec, T>(ref BareOrbit<TLanes, TVec, T> orbit, ref readonly TVec cx, ref readonly TVec cy, TVec two)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged => orbit.StepAt(in cx, in cy);
}

internal readonly struct MixedSteps : IRaceStepForm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StepSecond<TLanes, TVec, T>(ref BareOrbit<TLanes, TVec, T> orbit, ref readonly TVec cx, ref readonly TVec cy, TVec two)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged => orbit.StepBalancedAt(in cx, in cy, two);
}

/// <summary>Chooses a race's step form on this machine by timing both (<see cref="IRaceStepForm"/>).</summary>
internal static class RaceStepForms
{
    /// <summary>
    /// True if the mixed form raced faster (<see cref="TimedChoice.SecondIsFaster"/>): <paramref name="pass"/> races
    /// once in the form given (true: mixed) and returns its <see cref="Stopwatch"/> ticks.
    /// </summary>
    public static bool MixedIsFaster(Func<bool, long> pass) => TimedChoice.SecondIsFaster(pass);

    /// <summary>The form's name, as the result's CodePath gives it.</summary>
    public static string Name(bool mixed) => mixed ? "mixed" : "plain";
}
