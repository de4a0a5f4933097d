using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// Pipe balancing: the reference's step is three multiplications and four additions, so on a core with
/// as many multiply as add pipes the adds are the bottleneck. Stepping every second orbit of a race in
/// the multiply-heavy form (<see cref="BareOrbit{TLanes, TVec, T}.StepBalanced"/>: zx*zy doubled by a
/// multiplication, not an addition) gives 3.5 of each a step on average. The two forms are equal bit for
/// bit for every z and c (doubling is exact), so any orbit may take either.
/// </summary>
internal static class PipeBalance
{
    /// <summary>
    /// One step of the second orbit of a pair: in the multiply-heavy form where <typeparamref name="TForm"/>
    /// is <see cref="MixedForm"/>, else in the reference's (the first of a pair always is).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StepSecond<TForm, TLanes, TVec, T>(ref BareOrbit<TLanes, TVec, T> orbit, TVec cx, TVec cy, TVec two)
        where TForm : struct, IStepForm
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        if (TForm.Balanced)
        {
            orbit.StepBalanced(cx, cy, two);
        }
        else
        {
            orbit.Step(cx, cy);
        }
    }
}

/// <summary>Which form the second orbit of each pair steps in: a type, so each loop is compiled for one.</summary>
internal interface IStepForm
{
    static abstract bool Balanced { get; }
}

/// <summary>Every orbit in the reference's form.</summary>
internal readonly struct PlainForm : IStepForm
{
    public static bool Balanced => false;
}

/// <summary>Every second orbit in the multiply-heavy form.</summary>
internal readonly struct MixedForm : IStepForm
{
    public static bool Balanced => true;
}
