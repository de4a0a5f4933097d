using System.Runtime.CompilerServices;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// DoubleDouble — a yardstick, not a speed step: the reference's loop in double-double arithmetic
/// (each value an unevaluated sum hi + lo, about 106 bits), on the same double coordinates. Its counts
/// are what the orbit of each c really does far more often than double's, so comparing Simd and
/// FusedMultiplyAdd with it (Compare-Kernel -Baseline DoubleDouble) says which rounding is closer to
/// the truth. Not exact (it is more accurate than the reference); double precision only.
/// </summary>
public sealed class DoubleDoubleKernel : Kernel
{
    public override string Name => "DoubleDouble";

    public override string Technique => "the reference loop in double-double (~106-bit) arithmetic: a higher-precision yardstick";

    public override KernelFamily Family => KernelFamily.Scalar;

    public override bool IsExact => false;

    public override bool InLadder => false;

    public override IReadOnlyList<Precision> Precisions { get; } = [Precision.Double];

    public override void Compute<T>(KernelJob<T> job)
    {
        var (xs, ys) = ComplexRows.RequireDouble(job);
        for (var j = 0; j < job.Height; j++)
        {
            var output = job.Row(j);
            for (var i = 0; i < xs.Length; i++)
            {
                job.Cancellation.ThrowIfCancellationRequested();
                output[i] = EscapeCount(xs[i], ys[j], job.MaxIterations);
            }
        }
    }

    /// <summary>n such that |z_(n+1)|^2 &gt; 4 computed in double-double, or maxIterations.</summary>
    internal static int EscapeCount(double cx, double cy, int maxIterations)
    {
        DD zx = default, zy = default;
        var n = 0;
        for (; n < maxIterations; n++)
        {
            var x2 = zx * zx;
            var y2 = zy * zy;
            var xy = zx * zy;
            zx = x2 - y2 + cx;
            zy = xy + xy + cy;
            if ((zx * zx + zy * zy).Hi > 4)
            {
                break;
            }
        }

        return n;
    }

    /// <summary>A double-double number hi + lo with |lo| &lt;= ulp(hi)/2 (Dekker, Knuth; products via FMA).</summary>
    private readonly record struct DD(double Hi, double Lo)
    {
        public static implicit operator DD(double value) => new(value, 0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static DD operator +(DD a, DD b)
        {
            var s = a.Hi + b.Hi;
            var v = s - a.Hi;
            var e = (a.Hi - (s - v)) + (b.Hi - v) + a.Lo + b.Lo;
            return Normalize(s, e);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static DD operator -(DD a, DD b) => a + new DD(-b.Hi, -b.Lo);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static DD operator *(DD a, DD b)
        {
            var p = a.Hi * b.Hi;
            var e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi);
            return Normalize(p, e);
        }

        private static DD Normalize(double s, double e)
        {
            var hi = s + e;
            return new DD(hi, e - (hi - s));
        }
    }
}
