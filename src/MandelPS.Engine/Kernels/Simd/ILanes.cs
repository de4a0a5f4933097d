namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The handful of vector operations the escape-time loop needs, at one register width. The driver is
/// written once against this interface; the JIT specialises it per struct, so the abstraction costs
/// nothing. Masks are all-ones/all-zeros lanes; counters are integers of the lane's own size
/// (long for double, int for float) so they never lose precision.
/// </summary>
internal interface ILanes<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    static abstract int Count { get; }

    static abstract TVec Splat(T value);

    static abstract TVec AllBitsSet { get; }

    static abstract TVec Load(ref T source);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary>a*b + c rounded once (a fused multiply-add): one rounding fewer than Multiply then Add.</summary>
    static abstract TVec FusedMultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>All-ones where a &gt; b (false for NaN, like the scalar reference's comparison).</summary>
    static abstract TVec GreaterThan(TVec a, TVec b);

    /// <summary>a AND NOT b.</summary>
    static abstract TVec AndNot(TVec a, TVec b);

    static abstract TVec Or(TVec a, TVec b);

    /// <summary>a's bits where mask's are set, b's elsewhere.</summary>
    static abstract TVec Select(TVec mask, TVec a, TVec b);

    static abstract bool IsAllZero(TVec a);

    /// <summary>One bit per lane of a mask, lane 0 in bit 0.</summary>
    static abstract ulong MaskBits(TVec mask);

    /// <summary>All-ones where a &lt;= b (false for NaN).</summary>
    static abstract TVec LessThanOrEqual(TVec a, TVec b);

    /// <summary>
    /// The larger of a and b, lane by lane; where a is NaN the result is b. (x86's max instruction
    /// does exactly this; it is what lets a running maximum ignore NaNs without extra work.)
    /// </summary>
    static abstract TVec MaxKeepingB(TVec a, TVec b);

    /// <summary>Adds amount (as an integer) to the counter lanes where mask is all-ones.</summary>
    static abstract TVec AddWhere(TVec counter, TVec mask, int amount);

    /// <summary>Adds one (as an integer) to the counter lanes where mask is all-ones.</summary>
    static abstract TVec CountWhere(TVec counter, TVec mask);

    /// <summary>Writes the first destination.Length integer counter lanes (the row's last, partial group).</summary>
    static abstract void StoreCounts(TVec counter, Span<int> destination);

    /// <summary>Writes all Count counter lanes as ints at destination (narrowing 64-bit counters).</summary>
    static abstract void StoreAllCounts(TVec counter, ref int destination);
}
