using System.Numerics;

namespace MandelPS.Engine.Formulas;

/// <summary>The real operations on plain numbers of precision T: what the interpreter and constant folding compute with.</summary>
internal readonly struct NumberArithmetic<T> : IRealArithmetic<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Constant(double value) => T.CreateTruncating(value);

    public T Add(T a, T b) => a + b;

    public T Subtract(T a, T b) => a - b;

    public T Multiply(T a, T b) => a * b;

    public T Divide(T a, T b) => a / b;

    public T Negate(T a) => -a;

    public T Abs(T a) => T.Abs(a);

    public T Sqrt(T a) => T.Sqrt(a);

    public T Exp(T a) => T.Exp(a);

    public T Cos(T a) => T.Cos(a);

    public T Sin(T a) => T.Sin(a);

    public T Atan2(T y, T x) => T.Atan2(y, x);

    public T Pow(T x, T y) => T.Pow(x, y);

    public int? AsInteger(T a) => T.IsInteger(a) && T.Abs(a) <= T.CreateTruncating(IntegerPowers.MaxExponent) ? int.CreateTruncating(a) : null;
}
