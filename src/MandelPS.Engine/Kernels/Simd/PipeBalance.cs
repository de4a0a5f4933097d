using System.Numerics;
using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// Where a race may step orbits in the multiply-heavy form (<see cref="BareOrbit{TLanes, TVec, T}.StepBalanced"/>)
/// and stay the reference's bit for bit. The two forms differ only where zx*zy is a nonzero subnormal
/// number. That cannot happen for these c, on any step, bounded or not:
/// <list type="bullet">
/// <item>A sum of two floating-point numbers rounded to nearest is zero or at least half the last place
/// of either addend. zx' = (zx^2 - zy^2) + cx and zy' = (2 zx zy) + cy, so a nonzero zx is at least
/// |cx|·2^-(p+2) and a nonzero zy at least |cy|·2^-(p+2), p being the fraction's bits (52 or 23).</item>
/// <item>With cy = 0, zy stays zero and so does the product.</item>
/// <item>Otherwise, with |cx| and |cy| at least <c>Smallest</c>, a nonzero |zx*zy| is at least
/// Smallest^2·2^-(2p+4): 2^-908 for double (Smallest = 2^-400) and 2^-110 for float (2^-30), both
/// above the smallest normal number (2^-1022 and 2^-126).</item>
/// </list>
/// So a row needs cy = 0 or |cy| &gt; Smallest, and a vector needs |cx| &gt; Smallest in every lane
/// (cx = 0 is left out: there zx may shrink by squares). Views that break the rule (a column at cx = 0,
/// a row a hair off the real axis) race in the reference's form alone.
/// </summary>
internal static class PipeBalance
{
    private static readonly double DoubleSmallest = Math.ScaleB(1, -400);
    private static readonly double FloatSmallest = Math.ScaleB(1, -30);

    /// <summary>True if a row at <paramref name="cy"/> allows the balanced form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool RowAllows<T>(T cy)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        T.IsZero(cy) || T.Abs(cy) > Smallest<T>();

    /// <summary>True if every lane's |cx| is above Smallest: cx*cx &gt; Smallest^2 implies it (rounding is monotone; both squares are normal).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool VectorAllows<TLanes, TVec, T>(TVec cx)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var smallest = Smallest<T>();
        return TLanes.IsAllZero(TLanes.AndNot(TLanes.AllBitsSet, TLanes.GreaterThan(TLanes.Multiply(cx, cx), TLanes.Splat(smallest * smallest))));
    }

    private static T Smallest<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating(typeof(T) == typeof(double) ? DoubleSmallest : FloatSmallest);

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

/// <summary>Every second orbit in the multiply-heavy form (where <see cref="PipeBalance"/> allows it).</summary>
internal readonly struct MixedForm : IStepForm
{
    public static bool Balanced => true;
}
