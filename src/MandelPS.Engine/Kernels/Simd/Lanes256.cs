using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>256-bit lanes over Vector256&lt;T&gt; (T is double or float).</summary>
internal readonly struct Lanes256<T> : ILanes<Vector256<T>, T>
    where T : unmanaged
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> AllBitsSet => Vector256<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Splat(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        // Reached only from the FusedMultiplyAdd kernel, which is unavailable unless Fma.IsSupported.
        if (typeof(T) == typeof(double))
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThan(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AndNot(Vector256<T> a, Vector256<T> b) => Vector256.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Select(Vector256<T> mask, Vector256<T> a, Vector256<T> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Or(Vector256<T> a, Vector256<T> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MaskBits(Vector256<T> mask) => mask.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vector256<T> a) => a.AsByte() == Vector256<byte>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThanOrEqual(Vector256<T> a, Vector256<T> b) => Vector256.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MaxKeepingB(Vector256<T> a, Vector256<T> b)
    {
        if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            return Avx.Max(a.AsDouble(), b.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            return Avx.Max(a.AsSingle(), b.AsSingle()).As<float, T>();
        }

        // Elsewhere: GreaterThan is false for NaN, so NaN in a keeps b.
        return Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AddWhere(Vector256<T> counter, Vector256<T> mask, int amount)
    {
        if (typeof(T) == typeof(double))
        {
            return (counter.AsInt64() + (mask.AsInt64() & Vector256.Create((long)amount))).As<long, T>();
        }

        return (counter.AsInt32() + (mask.AsInt32() & Vector256.Create(amount))).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> CountWhere(Vector256<T> counter, Vector256<T> mask)
    {
        // An all-ones mask is -1 as an integer of the lane's size: subtracting it adds one.
        if (typeof(T) == typeof(double))
        {
            return (counter.AsInt64() - mask.AsInt64()).As<long, T>();
        }

        return (counter.AsInt32() - mask.AsInt32()).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAllCounts(Vector256<T> counter, ref int destination)
    {
        if (typeof(T) == typeof(double))
        {
            // 64-bit counters narrow to 32-bit ints: the low half of Narrow(c, c) holds all of them.
            Vector256.Narrow(counter.AsInt64(), counter.AsInt64()).GetLower().StoreUnsafe(ref destination);
        }
        else
        {
            counter.AsInt32().StoreUnsafe(ref destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StoreCounts(Vector256<T> counter, Span<int> destination)
    {
        if (typeof(T) == typeof(double))
        {
            var wide = counter.AsInt64();
            for (var k = 0; k < destination.Length; k++)
            {
                destination[k] = (int)wide.GetElement(k);
            }
        }
        else
        {
            var narrow = counter.AsInt32();
            for (var k = 0; k < destination.Length; k++)
            {
                destination[k] = narrow.GetElement(k);
            }
        }
    }
}
