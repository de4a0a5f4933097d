using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The state of one register of pixels with z's squares carried from step to step: for the
/// fast-and-wrong variants (fused multiply-adds, lazy escape tests) and for membership by running
/// maximum. (Exact counting uses <see cref="CountingOrbit{TLanes, TVec, T}"/>, which keeps less state.)
/// A value type the JIT keeps in registers; the drivers run several side by side so their independent
/// dependency chains overlap.
/// </summary>
internal struct Orbit<TLanes, TVec, T>
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    private readonly TVec _cx;
    private TVec _zx, _zy, _x2, _y2, _largest;

    public TVec Active;
    public TVec Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Orbit(TVec cx)
    {
        _cx = cx;
        _zx = _zy = _x2 = _y2 = _largest = Count = default;
        Active = TLanes.AllBitsSet;
    }

    /// <summary>
    /// One iteration of the reference's arithmetic keeping only the largest |z|^2 seen so far, no per-lane
    /// bookkeeping (9 vector operations): <see cref="NeverEscaped"/> then says which lanes stayed inside.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Race(TVec cy)
    {
        Advance(cy);
        _largest = TLanes.MaxKeepingB(TLanes.Add(_x2, _y2), _largest);
    }

    /// <summary>
    /// One iteration with fused multiply-adds (fast and wrong: one rounding fewer per operation than
    /// the reference): zy' = fma(2 zx, zy, cy), zx' = fma(zx, zx, cx - zy^2), escape when
    /// fma(zx', zx', zy'^2) &gt; 4. Not the reference's arithmetic, so counts may differ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepFused(TVec cy, TVec four)
    {
        var zy = TLanes.FusedMultiplyAdd(TLanes.Add(_zx, _zx), _zy, cy);
        _zx = TLanes.FusedMultiplyAdd(_zx, _zx, TLanes.Subtract(_cx, _y2));
        _zy = zy;
        _y2 = TLanes.Multiply(_zy, _zy);
        Active = TLanes.AndNot(Active, TLanes.GreaterThan(TLanes.FusedMultiplyAdd(_zx, _zx, _y2), four));
        Count = TLanes.CountWhere(Count, Active);
    }

    /// <summary>
    /// One iteration of the reference's arithmetic, z and its squares only (the squares are the ones the
    /// next step's subtraction and this step's escape test use): zx' = (zx^2 - zy^2) + cx,
    /// zy' = (zx*zy + zx*zy) + cy. The one definition <see cref="Race"/> and a lazy block's steps share.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(TVec cy)
    {
        var xy = TLanes.Multiply(_zx, _zy);
        _zy = TLanes.Add(TLanes.Add(xy, xy), cy);
        _zx = TLanes.Add(TLanes.Subtract(_x2, _y2), _cx);
        _x2 = TLanes.Multiply(_zx, _zx);
        _y2 = TLanes.Multiply(_zy, _zy);
    }

    /// <summary>
    /// The escape test after a lazy block of n <see cref="Advance"/> steps (fast and wrong): a lane found
    /// outside is credited n - 1 iterations, as if it escaped at the block's end, so counts round up to
    /// the block; an orbit that overflowed to NaN within the block is never seen to escape. With n = 1 it
    /// is the reference's test: a lane stops at its first |z|^2 &gt; 4 and counts while it iterates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SettleLazyBlock(TVec four, int n)
    {
        var inactive = TLanes.AndNot(TLanes.AllBitsSet, Active);
        var escaped = TLanes.AndNot(TLanes.GreaterThan(TLanes.Add(_x2, _y2), four), inactive);
        Count = TLanes.AddWhere(Count, escaped, n - 1);
        Active = TLanes.AndNot(Active, escaped);
        Count = TLanes.AddWhere(Count, Active, n);
    }

    /// <summary>
    /// After racing every iteration from the start: the lanes whose |z|^2 never exceeded 4, i.e. the
    /// pixels in the set. A NaN can only follow an infinite |z|^2, which the running maximum has already
    /// kept (x86's max ignores the NaN), so none slips through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec NeverEscaped(TVec four) => TLanes.LessThanOrEqual(_largest, four);
}
