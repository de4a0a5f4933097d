using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>128-bit lanes over Vector128&lt;T&gt; (T is double or float).</summary>
internal readonly struct Lanes128<T> : ILanes<Vector128<T>, T>
    where T : unmanaged
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> AllBitsSet => Vector128<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Splat(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        // Reached only from the FusedMultiplyAdd kernel, which is unavailable unless Fma.IsSupported.
        if (typeof(T) == typeof(double))
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThan(Vector128<T> a, Vector128<T> b) => Vector128.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> AndNot(Vector128<T> a, Vector128<T> b) => Vector128.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Select(Vector128<T> mask, Vector128<T> a, Vector128<T> b) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Or(Vector128<T> a, Vector128<T> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MaskBits(Vector128<T> mask) => mask.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vector128<T> a) => a.AsByte() == Vector128<byte>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThanOrEqual(Vector128<T> a, Vector128<T> b) => Vector128.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MaxKeepingB(Vector128<T> a, Vector128<T> b)
    {
        if (typeof(T) == typeof(double) && Sse2.IsSupported)
        {
            return Sse2.Max(a.AsDouble(), b.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            return Sse.Max(a.AsSingle(), b.AsSingle()).As<float, T>();
        }

        // Elsewhere: GreaterThan is false for NaN, so NaN in a keeps b.
        return Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> AddWhere(Vector128<T> counter, Vector128<T> mask, int amount)
    {
        if (typeof(T) == typeof(double))
        {
            return (counter.AsInt64() + (mask.AsInt64() & Vector128.Create((long)amount))).As<long, T>();
        }

        return (counter.AsInt32() + (mask.AsInt32() & Vector128.Create(amount))).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CountWhere(Vector128<T> counter, Vector128<T> mask)
    {
        // An all-ones mask is -1 as an integer of the lane's size: subtracting it adds one.
        if (typeof(T) == typeof(double))
        {
            return (counter.AsInt64() - mask.AsInt64()).As<long, T>();
        }

        return (counter.AsInt32() - mask.AsInt32()).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAllCounts(Vector128<T> counter, ref int destination)
    {
        if (typeof(T) == typeof(double))
        {
            // Two 64-bit counters narrow to two ints: store the low 8 bytes of Narrow(c, c).
            Unsafe.WriteUnaligned(ref Unsafe.As<int, byte>(ref destination), Vector128.Narrow(counter.AsInt64(), counter.AsInt64()).AsInt64().ToScalar());
        }
        else
        {
            counter.AsInt32().StoreUnsafe(ref destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StoreCounts(Vector128<T> counter, Span<int> destination)
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
