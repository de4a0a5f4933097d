using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The state of one register of pixels: z, its squares (reused by the next step), the lanes still
/// iterating and their counters. A value type the JIT keeps in registers; the driver runs several
/// side by side so their independent dependency chains overlap.
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
    /// One iteration, bit for bit the reference's: zx' = (zx^2 - zy^2) + cx, zy' = (zx*zy + zy*zx) + cy,
    /// escape when zx'^2 + zy'^2 &gt; 4. The squares are the ones the previous escape test formed.
    /// A lane stops at its first escape and stays stopped (later NaNs cannot revive it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(TVec cy, TVec four)
    {
        Advance(cy);
        Active = TLanes.AndNot(Active, TLanes.GreaterThan(TLanes.Add(_x2, _y2), four));
        Count = TLanes.CountWhere(Count, Active);
    }

    /// <summary>
    /// One iteration of the same arithmetic without the per-lane bookkeeping: only the largest |z|^2
    /// seen since <see cref="StartRace"/> is kept. A block of these costs 9 vector operations per
    /// iteration instead of 12; <see cref="MayHaveEscaped"/> then says whether the block must be redone
    /// step by step to find the exact escape iteration.
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
    /// One iteration of the reference's arithmetic, z and its squares only, with no bookkeeping: the one
    /// definition <see cref="Step"/>, <see cref="Race"/> and a lazy block's steps share.
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
    /// the block; an orbit that overflowed to NaN within the block is never seen to escape. With n = 1,
    /// Advance then this is exactly <see cref="Step"/>.
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

    /// <summary>c's real parts, for a <see cref="BareOrbit{TLanes, TVec, T}"/> racing on this orbit's behalf.</summary>
    public readonly TVec Cx => _cx;

    /// <summary>z alone, to race with two registers instead of seven (this orbit stays where it was).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly BareOrbit<TLanes, TVec, T> Bare() => new(_zx, _zy);

    /// <summary>Takes z from a race that is kept: its squares are formed again, the same multiplications giving the same values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Resume(BareOrbit<TLanes, TVec, T> raced) => Rewind((raced.Zx, raced.Zy));

    /// <summary>Starts a race, returning z to rewind to should the race be redone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (TVec Zx, TVec Zy) StartRace()
    {
        _largest = default;
        return (_zx, _zy);
    }

    /// <summary>
    /// Back to the race's start. Only z was saved: its squares are recomputed, the same multiplications
    /// giving the same values, and the lanes' masks and counters are untouched by a race.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Rewind((TVec Zx, TVec Zy) start)
    {
        (_zx, _zy) = start;
        _x2 = TLanes.Multiply(_zx, _zx);
        _y2 = TLanes.Multiply(_zy, _zy);
    }

    /// <summary>
    /// True if a still-iterating lane exceeded |z|^2 = 4 at any step of the race. A NaN can only follow an
    /// infinite |z|^2, which the running maximum has already kept, so none slips through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool MayHaveEscaped(TVec four) => !TLanes.IsAllZero(TLanes.AndNot(Active, TLanes.LessThanOrEqual(_largest, four)));

    /// <summary>
    /// After racing every iteration from the start: the lanes whose |z|^2 never exceeded 4, i.e. the
    /// pixels in the set. Exact for the same reason <see cref="MayHaveEscaped"/> is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec NeverEscaped(TVec four) => TLanes.LessThanOrEqual(_largest, four);

    /// <summary>
    /// True if every still-iterating lane has |c|^2 &lt;= <paramref name="radiusSquared"/> (3.61, |c| &lt;= 1.9):
    /// there an orbit that once has |z| &gt; 2 reaches 2.1 the next step and only grows until it overflows
    /// to infinity and NaN, all of which test as outside. (Lanes with |c| &gt; 2 escape at the first
    /// iteration and are no longer iterating when a race starts.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool EscapesArePermanent(TVec cy, TVec radiusSquared) =>
        TLanes.IsAllZero(TLanes.AndNot(Active, TLanes.LessThanOrEqual(TLanes.Add(TLanes.Multiply(_cx, _cx), TLanes.Multiply(cy, cy)), radiusSquared)));

    /// <summary>Credits every still-iterating lane with a race of n iterations none of them escaped in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Credit(int n) => Count = TLanes.AddWhere(Count, Active, n);
}
