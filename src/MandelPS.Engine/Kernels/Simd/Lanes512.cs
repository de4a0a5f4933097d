using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>512-bit lanes over Vector512&lt;T&gt; (T is double or float).</summary>
internal readonly struct Lanes512<T> : ILanes<Vector512<T>, T>
    where T : unmanaged
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> AllBitsSet => Vector512<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Splat(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        // Reached only from the FusedMultiplyAdd kernel on 512-bit registers, which the plan picks only where Avx512F is accelerated.
        if (typeof(T) == typeof(double))
        {
            return Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThan(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> AndNot(Vector512<T> a, Vector512<T> b) => Vector512.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Select(Vector512<T> mask, Vector512<T> a, Vector512<T> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Or(Vector512<T> a, Vector512<T> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MaskBits(Vector512<T> mask) => mask.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vector512<T> a) => a.AsByte() == Vector512<byte>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThanOrEqual(Vector512<T> a, Vector512<T> b) => Vector512.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaxKeepingB(Vector512<T> a, Vector512<T> b)
    {
        if (typeof(T) == typeof(double) && Avx512F.IsSupported)
        {
            return Avx512F.Max(a.AsDouble(), b.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            return Avx512F.Max(a.AsSingle(), b.AsSingle()).As<float, T>();
        }

        // Elsewhere: GreaterThan is false for NaN, so NaN in a keeps b.
        return Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> AddWhere(Vector512<T> counter, Vector512<T> mask, int amount)
    {
        if (typeof(T) == typeof(double))
        {
            return (counter.AsInt64() + (mask.AsInt64() & Vector512.Create((long)amount))).As<long, T>();
        }

        return (counter.AsInt32() + (mask.AsInt32() & Vector512.Create(amount))).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> CountWhere(Vector512<T> counter, Vector512<T> mask)
    {
        // An all-ones mask is -1 as an integer of the lane's size: subtracting it adds one.
        if (typeof(T) == typeof(double))
        {
            return (counter.AsInt64() - mask.AsInt64()).As<long, T>();
        }

        return (counter.AsInt32() - mask.AsInt32()).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAllCounts(Vector512<T> counter, ref int destination)
    {
        if (typeof(T) == typeof(double))
        {
            // 64-bit counters narrow to 32-bit ints: the low half of Narrow(c, c) holds all of them.
            Vector512.Narrow(counter.AsInt64(), counter.AsInt64()).GetLower().StoreUnsafe(ref destination);
        }
        else
        {
            counter.AsInt32().StoreUnsafe(ref destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StoreCounts(Vector512<T> counter, Span<int> destination)
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
