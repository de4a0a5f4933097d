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

    /// <summary>An orbit at z (the origin when default).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BareOrbit(TVec zx, TVec zy) => (_zx, _zy) = (zx, zy);

    public readonly TVec Zx => _zx;

    public readonly TVec Zy => _zy;

    /// <summary>
    /// One iteration, bit for bit the reference's: zx' = (zx^2 - zy^2) + cx, zy' = (zx*zy + zx*zy) + cy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(TVec cx, TVec cy)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        var x2 = TLanes.Multiply(_zx, _zx);
        var y2 = TLanes.Multiply(_zy, _zy);
        _zy = TLanes.Add(TLanes.Add(xy, xy), cy);
        _zx = TLanes.Add(TLanes.Subtract(x2, y2), cx);
    }

    /// <summary>
    /// <see cref="Step"/>, also returning the lanes where z before the step had |z|^2 &lt;= 4 (a NaN lane is
    /// outside): the squares are formed anyway, so the test costs one addition and one comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec StepTestingInside(TVec cx, TVec cy, TVec four)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        var x2 = TLanes.Multiply(_zx, _zx);
        var y2 = TLanes.Multiply(_zy, _zy);
        var inside = TLanes.LessThanOrEqual(TLanes.Add(x2, y2), four);
        _zy = TLanes.Add(TLanes.Add(xy, xy), cy);
        _zx = TLanes.Add(TLanes.Subtract(x2, y2), cx);
        return inside;
    }

    /// <summary>
    /// <see cref="Step"/>, first folding the |z|^2 it starts from into <paramref name="largest"/>, the
    /// running maximum a race without the final test keeps (x86's max ignores a NaN |z|^2, which can only
    /// follow an infinite one already kept).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepNotingLargest(TVec cx, TVec cy, ref TVec largest)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        var x2 = TLanes.Multiply(_zx, _zx);
        var y2 = TLanes.Multiply(_zy, _zy);
        largest = TLanes.MaxKeepingB(TLanes.Add(x2, y2), largest);
        _zy = TLanes.Add(TLanes.Add(xy, xy), cy);
        _zx = TLanes.Add(TLanes.Subtract(x2, y2), cx);
    }

    /// <summary>|z|^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec Magnitude() => TLanes.Add(TLanes.Multiply(_zx, _zx), TLanes.Multiply(_zy, _zy));

    /// <summary>All-ones in the lanes with |z|^2 &lt;= 4; a NaN lane is outside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec Inside(TVec four) =>
        TLanes.LessThanOrEqual(TLanes.Add(TLanes.Multiply(_zx, _zx), TLanes.Multiply(_zy, _zy)), four);
}
