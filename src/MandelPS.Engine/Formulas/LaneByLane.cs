using System.Numerics;
using System.Runtime.InteropServices;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// The library functions vector units have no instruction for (exp, cos, sin, atan2, pow), applied
/// one lane at a time with the scalar function: slow, but the same bits as every other strategy.
/// Vector code calls these; arithmetic stays in registers.
/// </summary>
internal static class LaneByLane
{
    /// <summary>a[k] = op(a[k], b[k]) for every lane of a vector of any width (b is ignored by unary operations).</summary>
    public static TVec Apply<TVec, T>(TVec a, TVec b, int op)
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = MemoryMarshal.Cast<TVec, T>(MemoryMarshal.CreateSpan(ref a, 1));
        var y = MemoryMarshal.Cast<TVec, T>(MemoryMarshal.CreateSpan(ref b, 1));
        for (var k = 0; k < x.Length; k++)
        {
            x[k] = Scalar((ResidualOp)op, x[k], y[k]);
        }

        return a;
    }

    private static T Scalar<T>(ResidualOp op, T a, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var numbers = default(NumberArithmetic<T>);
        return op switch
        {
            ResidualOp.Exp => numbers.Exp(a),
            ResidualOp.Cos => numbers.Cos(a),
            ResidualOp.Sin => numbers.Sin(a),
            ResidualOp.Atan2 => numbers.Atan2(a, b),
            ResidualOp.Pow => numbers.Pow(a, b),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "has a vector instruction"),
        };
    }
}
