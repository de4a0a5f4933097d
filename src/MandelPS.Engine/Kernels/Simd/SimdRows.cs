using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// The SIMD driver: solves one row at a time, a register of pixels per vector, two vectors in flight so
/// the ~3-cycle latency of each add and multiply overlaps with the other vector's work. Each lane keeps
/// its own "still iterating" mask and integer counter; the loop ends when every lane has escaped.
/// Scalar equivalent (per lane): <see cref="ExpandedKernel.EscapeCount{T}"/>, bit for bit:
/// the same operations in the same order, no fused multiply-add, the same NaN-false comparison.
/// </summary>
internal sealed class SimdRows<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int VectorsInFlight = 2;

    // Padding lanes hold c = 4 + 0i: |z_1|^2 = 16 > 4, so they escape on the first iteration and never
    // keep a register busy; their counts are never stored.
    private static readonly T PaddingX = T.CreateTruncating(4);

    private readonly KernelJob<T> _job;
    private readonly T[] _paddedX;

    public SimdRows(KernelJob<T> job, VectorWidth requested)
    {
        _job = job;
        Width = Resolve(requested);
        var widest = Vector512<T>.Count * VectorsInFlight;
        var padded = (job.Width + widest - 1) / widest * widest;
        _paddedX = new T[padded];
        job.X.CopyTo(_paddedX, 0);
        _paddedX.AsSpan(job.Width).Fill(PaddingX);
    }

    /// <summary>The width actually used (Auto resolved).</summary>
    public VectorWidth Width { get; }

    /// <summary>The widest accelerated width, or the requested one if this machine accelerates it.</summary>
    public static VectorWidth Resolve(VectorWidth requested)
    {
        if (requested == VectorWidth.Auto)
        {
            return Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
                : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
                : Vector128.IsHardwareAccelerated ? VectorWidth.Bits128
                : VectorWidth.Scalar;
        }

        var accelerated = requested switch
        {
            VectorWidth.Bits512 => Vector512.IsHardwareAccelerated,
            VectorWidth.Bits256 => Vector256.IsHardwareAccelerated,
            VectorWidth.Bits128 => Vector128.IsHardwareAccelerated,
            _ => true,
        };
        if (!accelerated)
        {
            throw new RequestValidationException(nameof(KernelOptions.VectorWidth),
                $"{(int)requested}-bit vectors are not hardware-accelerated on this machine; allowed here: {string.Join(", ", AcceleratedWidths())}");
        }

        return requested;
    }

    public static IEnumerable<VectorWidth> AcceleratedWidths()
    {
        yield return VectorWidth.Auto;
        yield return VectorWidth.Scalar;
        if (Vector128.IsHardwareAccelerated) yield return VectorWidth.Bits128;
        if (Vector256.IsHardwareAccelerated) yield return VectorWidth.Bits256;
        if (Vector512.IsHardwareAccelerated) yield return VectorWidth.Bits512;
    }

    public void SolveRow(int j)
    {
        switch (Width)
        {
            case VectorWidth.Bits512: Row<Lanes512<T>, Vector512<T>>(j); break;
            case VectorWidth.Bits256: Row<Lanes256<T>, Vector256<T>>(j); break;
            case VectorWidth.Bits128: Row<Lanes128<T>, Vector128<T>>(j); break;
            default: ExpandedKernel.SolveRow(_job, j); break;
        }
    }

    private void Row<TLanes, TVec>(int j)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var width = _job.Width;
        var output = _job.Row(j);
        var cy = TLanes.Splat(_job.Y[j]);
        ref var x = ref MemoryMarshal.GetArrayDataReference(_paddedX);
        for (var i = 0; i < width; i += lanes * VectorsInFlight)
        {
            Solve<TLanes, TVec>(
                TLanes.Load(ref Unsafe.Add(ref x, i)),
                TLanes.Load(ref Unsafe.Add(ref x, i + lanes)),
                cy, _job.MaxIterations, out var countA, out var countB);

            var remaining = width - i;
            TLanes.StoreCounts(countA, output.Slice(i, Math.Min(lanes, remaining)));
            if (remaining > lanes)
            {
                TLanes.StoreCounts(countB, output.Slice(i + lanes, Math.Min(lanes, remaining - lanes)));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Solve<TLanes, TVec>(TVec cxA, TVec cxB, TVec cy, int maxIterations, out TVec countA, out TVec countB)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var four = TLanes.Splat(T.CreateTruncating(4));
        TVec zxA = default, zyA = default, x2A = default, y2A = default, cA = default;
        TVec zxB = default, zyB = default, x2B = default, y2B = default, cB = default;
        var activeA = TLanes.AllBitsSet;
        var activeB = TLanes.AllBitsSet;
        for (var n = 0; n < maxIterations; n++)
        {
            // z = z*z + c as (zx^2 - zy^2) + cx, (zx*zy + zy*zx) + cy; the squares are the ones the
            // previous escape test computed, so each is formed once (same values, same rounding).
            var xyA = TLanes.Multiply(zxA, zyA);
            var xyB = TLanes.Multiply(zxB, zyB);
            zyA = TLanes.Add(TLanes.Add(xyA, xyA), cy);
            zyB = TLanes.Add(TLanes.Add(xyB, xyB), cy);
            zxA = TLanes.Add(TLanes.Subtract(x2A, y2A), cxA);
            zxB = TLanes.Add(TLanes.Subtract(x2B, y2B), cxB);
            x2A = TLanes.Multiply(zxA, zxA);
            x2B = TLanes.Multiply(zxB, zxB);
            y2A = TLanes.Multiply(zyA, zyA);
            y2B = TLanes.Multiply(zyB, zyB);

            // A lane stops at its first |z|^2 > 4 and stays stopped (later NaNs cannot revive it).
            activeA = TLanes.AndNot(activeA, TLanes.GreaterThan(TLanes.Add(x2A, y2A), four));
            activeB = TLanes.AndNot(activeB, TLanes.GreaterThan(TLanes.Add(x2B, y2B), four));
            cA = TLanes.CountWhere(cA, activeA);
            cB = TLanes.CountWhere(cB, activeB);
            if (TLanes.IsAllZero(TLanes.Or(activeA, activeB)))
            {
                break;
            }
        }

        countA = cA;
        countB = cB;
    }
}
