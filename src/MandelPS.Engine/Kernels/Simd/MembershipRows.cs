using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// Set membership only, for bitmaps (the Benchmarks Game's P4): a row is packed straight into bits, most
/// significant first, with no counts. Every iteration is raced (no per-lane bookkeeping at all); a lane
/// is in the set exactly when the running maximum of its |z|^2 never exceeded 4, which a NaN cannot
/// hide (see <see cref="Orbit{TLanes, TVec, T}.MayHaveEscaped"/>). Every 8 iterations the group stops if
/// all its lanes are already out. Equal, bit for bit, to "count &gt;= MaxIterations" from the reference.
/// </summary>
internal sealed class MembershipRows<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int VectorsInFlight = 4;
    private const int CheckEvery = 8;

    private static readonly T PaddingX = T.CreateTruncating(4);

    private readonly T[] _paddedX;
    private readonly T[] _y;
    private readonly int _width;
    private readonly int _maxIterations;
    private readonly VectorWidth _vectorWidth;

    public MembershipRows(T[] x, T[] y, int maxIterations, VectorWidth vectorWidth)
    {
        Debug.Assert(vectorWidth is VectorWidth.Bits128 or VectorWidth.Bits256 or VectorWidth.Bits512, "the plan resolves an accelerated width");
        _width = x.Length;
        _y = y;
        _maxIterations = maxIterations;
        _vectorWidth = vectorWidth;
        var widest = Vector512<T>.Count * VectorsInFlight;
        _paddedX = new T[(x.Length + widest - 1) / widest * widest];
        x.CopyTo(_paddedX, 0);
        _paddedX.AsSpan(x.Length).Fill(PaddingX);
    }

    /// <summary>Bytes one packed row takes: 8 pixels a byte, the last byte padded with zeros.</summary>
    public int RowBytes => (_width + 7) / 8;

    /// <summary>Packs row j: bit 7 of byte 0 is pixel 0; a set bit is a pixel in the set.</summary>
    public void PackRow(int j, Span<byte> packed)
    {
        packed.Clear();
        switch (_vectorWidth)
        {
            case VectorWidth.Bits512: Pack<Lanes512<T>, Vector512<T>>(j, packed); break;
            case VectorWidth.Bits256: Pack<Lanes256<T>, Vector256<T>>(j, packed); break;
            default: Pack<Lanes128<T>, Vector128<T>>(j, packed); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pack<TLanes, TVec>(int j, Span<byte> packed)
        where TLanes : ILanes<TVec, T>
        where TVec : struct
    {
        var lanes = TLanes.Count;
        var cy = TLanes.Splat(_y[j]);
        var four = TLanes.Splat(T.CreateTruncating(4));
        ref var x = ref MemoryMarshal.GetArrayDataReference(_paddedX);
        for (var i = 0; i < _width; i += lanes * VectorsInFlight)
        {
            var a = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i)));
            var b = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + lanes)));
            var c = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 2 * lanes)));
            var d = new Orbit<TLanes, TVec, T>(TLanes.Load(ref Unsafe.Add(ref x, i + 3 * lanes)));
            for (var n = 0; n < _maxIterations; n++)
            {
                a.Race(cy);
                b.Race(cy);
                c.Race(cy);
                d.Race(cy);
                if (n % CheckEvery == CheckEvery - 1
                    && TLanes.IsAllZero(TLanes.Or(TLanes.Or(a.NeverEscaped(four), b.NeverEscaped(four)), TLanes.Or(c.NeverEscaped(four), d.NeverEscaped(four)))))
                {
                    break; // every lane is out: the rest of the iterations cannot bring one back
                }
            }

            SetBits(packed, i, TLanes.MaskBits(a.NeverEscaped(four)), lanes);
            SetBits(packed, i + lanes, TLanes.MaskBits(b.NeverEscaped(four)), lanes);
            SetBits(packed, i + 2 * lanes, TLanes.MaskBits(c.NeverEscaped(four)), lanes);
            SetBits(packed, i + 3 * lanes, TLanes.MaskBits(d.NeverEscaped(four)), lanes);
        }
    }

    /// <summary>Sets the bits of the pixels from start on whose lane bit is set (padding lanes are never in the set).</summary>
    private void SetBits(Span<byte> packed, int start, ulong inSet, int lanes)
    {
        for (var lane = 0; lane < lanes && start + lane < _width; lane++)
        {
            if ((inSet >> lane & 1) != 0)
            {
                var pixel = start + lane;
                packed[pixel >> 3] |= (byte)(0x80 >> (pixel & 7));
            }
        }
    }
}
