using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// z alone, for loops that test escape only now and then: two registers of state instead of
/// <see cref="Orbit{TLanes, TVec, T}"/>'s eight, so six or more fit in flight without spilling. Each step
/// forms the squares from z, the same multiplications the reference does, so the values are its values.
/// </summary>
internal struct BareOrbit<TLanes, TVec, T>
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    private TVec _zx, _zy;

    /// <summary>
    /// One iteration, bit for bit the reference's: zx' = (zx^2 - zy^2) + cx, zy' = (zx*zy + zx*zy) + cy.
    /// Returns |z|^2 of the z it started from, from the squares the step forms anyway (one addition,
    /// which the JIT drops where the caller ignores it). The one definition every step here shares.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec StepFrom(TVec cx, TVec cy)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        var x2 = TLanes.Multiply(_zx, _zx);
        var y2 = TLanes.Multiply(_zy, _zy);
        _zy = TLanes.Add(TLanes.Add(xy, xy), cy);
        _zx = TLanes.Add(TLanes.Subtract(x2, y2), cx);
        return TLanes.Add(x2, y2);
    }

    /// <summary>
    /// One iteration with zx*zy doubled by a multiplication instead of an addition: zy' = ((zx*zy)*2) + cy,
    /// four multiplications and three additions where <see cref="StepFrom"/> has three and four. Pipe
    /// balancing: on a core with as many multiply as add pipes the reference's step waits on the adds, so
    /// a race steps every second orbit in this form, 3.5 of each a step on average. p*2 and p + p are the
    /// same exact doubling for every p (zero, subnormal, normal, an overflow to infinity, NaN), so the value
    /// is StepFrom's bit for bit, for every z and c, and any orbit may take either form.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepBalanced(TVec cx, TVec cy, TVec two) => StepBalancedAt(in cx, in cy, two);

    /// <summary>
    /// <see cref="Step"/> with c read where it is added (the race pool's c live in memory): each read is an
    /// operand of its addition, not an instruction of its own, which a 16-register loop's front end feels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepAt(ref readonly TVec cx, ref readonly TVec cy)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        var x2 = TLanes.Multiply(_zx, _zx);
        var y2 = TLanes.Multiply(_zy, _zy);
        _zy = TLanes.Add(TLanes.Add(xy, xy), cy);
        _zx = TLanes.Add(TLanes.Subtract(x2, y2), cx);
    }

    /// <summary><see cref="StepBalanced"/> with c read where it is added (see <see cref="StepAt"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepBalancedAt(ref readonly TVec cx, ref readonly TVec cy, TVec two)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        var x2 = TLanes.Multiply(_zx, _zx);
        var y2 = TLanes.Multiply(_zy, _zy);
        _zy = TLanes.Add(TLanes.Multiply(xy, two), cy);
        _zx = TLanes.Add(TLanes.Subtract(x2, y2), cx);
    }

    /// <summary>One iteration (<see cref="StepFrom"/> without the magnitude).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(TVec cx, TVec cy) => StepFrom(cx, cy);

    /// <summary>
    /// <see cref="Step"/>, first folding the |z|^2 it starts from into <paramref name="largest"/>, the
    /// running maximum a race without the final test keeps (x86's max ignores a NaN |z|^2, which can only
    /// follow an infinite one already kept).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepNotingLargest(TVec cx, TVec cy, ref TVec largest) => largest = TLanes.MaxKeepingB(StepFrom(cx, cy), largest);

    /// <summary>|z|^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec Magnitude() => TLanes.Add(TLanes.Multiply(_zx, _zx), TLanes.Multiply(_zy, _zy));

    /// <summary>All-ones in the lanes with |z|^2 &lt;= 4; a NaN lane is outside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec Inside(TVec four) => TLanes.LessThanOrEqual(Magnitude(), four);
}
