namespace MandelPS.Engine.Formulas;

/// <summary>
/// The real operations complex arithmetic is written in. The interpreter implements them on numbers
/// (<see cref="NumberArithmetic{T}"/>); the residual builder on registers, emitting an instruction or
/// folding it (<see cref="ResidualBuilder{T}"/>). Both run <see cref="ComplexAlgebra"/>, so the
/// interpreter and the specialised code do the same operations in the same order, bit for bit.
/// </summary>
internal interface IRealArithmetic<TScalar>
{
    /// <summary>A number, rounded to the precision computed in.</summary>
    TScalar Constant(double value);

    TScalar Add(TScalar a, TScalar b);

    TScalar Subtract(TScalar a, TScalar b);

    TScalar Multiply(TScalar a, TScalar b);

    TScalar Divide(TScalar a, TScalar b);

    TScalar Negate(TScalar a);

    TScalar Abs(TScalar a);

    TScalar Sqrt(TScalar a);

    TScalar Exp(TScalar a);

    TScalar Cos(TScalar a);

    TScalar Sin(TScalar a);

    TScalar Atan2(TScalar y, TScalar x);

    TScalar Pow(TScalar x, TScalar y);

    /// <summary>The value if it is known here and an integer in the power bound (an exponent to multiply out).</summary>
    int? AsInteger(TScalar a);
}
