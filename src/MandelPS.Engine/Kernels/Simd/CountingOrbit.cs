using System.Runtime.CompilerServices;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// One register of pixels counting exactly with four registers of state (z, the iterating lanes and
/// their counters; c's real parts are read from memory), so four fit in flight in AVX2's sixteen
/// registers. Each step forms z's squares anyway, so it tests the z it starts from on the way: the test
/// of the newest z is pending until the next step or <see cref="Settle"/>. Counts are the reference's:
/// a lane counts the iterations whose z was inside, up to its first z with |z|^2 &gt; 4 (a NaN is not
/// &gt; 4, exactly as in the scalar reference).
/// </summary>
internal struct CountingOrbit<TLanes, TVec, T>
    where TLanes : ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    /// <summary>z itself: the race pool races it in place, where it lies, between its tests.</summary>
    public BareOrbit<TLanes, TVec, T> Z;

    public TVec Active;
    public TVec Count;

    /// <summary>All lanes iterating at z = 0 (nothing pending: z_0 is not an iteration).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CountingOrbit<TLanes, TVec, T> Start() => new() { Active = TLanes.AllBitsSet };

    /// <summary>
    /// The first step from a settled z: z' = z^2 + c in the reference's order, with no test (the z it
    /// starts from was tested already, or is z_0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(TVec cx, TVec cy) => Z.Step(cx, cy);

    /// <summary>Tests the pending z (a lane stops at its first escape and is counted while it iterates), then steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void TestAndStep(TVec cx, TVec cy, TVec four) => Test(Z.StepFrom(cx, cy), four);

    /// <summary>Tests the pending z, leaving z settled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Settle(TVec four) => Test(Z.Magnitude(), four);

    /// <summary>Takes z from a race that is kept, crediting its n iterations to every iterating lane (z stays settled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Resume(BareOrbit<TLanes, TVec, T> raced, int n)
    {
        Z = raced;
        Credit(n);
    }

    /// <summary>Credits n iterations of a race run on <see cref="Z"/> in place to every iterating lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Credit(int n) => Count = TLanes.AddWhere(Count, Active, n);

    /// <summary>True if every iterating lane has |c|^2 &lt;= radiusSquared (see <see cref="PermanentEscape"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool EscapesArePermanent(TVec cx, TVec cy, TVec radiusSquared) =>
        TLanes.IsAllZero(TLanes.AndNot(Active, TLanes.LessThanOrEqual(TLanes.Add(TLanes.Multiply(cx, cx), TLanes.Multiply(cy, cy)), radiusSquared)));

    /// <summary>The reference's test of a z whose |z|^2 is given: NaN &gt; 4 is false, so a NaN lane keeps iterating, as in the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Test(TVec magnitude, TVec four)
    {
        Active = TLanes.AndNot(Active, TLanes.GreaterThan(magnitude, four));
        Count = TLanes.CountWhere(Count, Active);
    }
}
