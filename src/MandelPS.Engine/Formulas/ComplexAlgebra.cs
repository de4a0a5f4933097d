namespace MandelPS.Engine.Formulas;

/// <summary>
/// What each operation of the language means, written once over any real representation: the
/// complex product as (ac - bd) + (ad + bc)i (z*z is then Expanded's zx*zx - zy*zy, zx*zy + zy*zx),
/// a real operand touching only the parts it must, |z| as sqrt(x^2 + y^2), e^z as e^x (cos y + i sin y),
/// z^p for a non-integer p as |z|^p (cos p*arg z + i sin p*arg z) with |z|^p = (x^2 + y^2)^(p/2).
/// </summary>
internal static class ComplexAlgebra
{
    public static Cx<TS> Add<TS, TA>(TA a, Cx<TS> x, Cx<TS> y)
        where TA : IRealArithmetic<TS>
    {
        var re = a.Add(x.Re, y.Re);
        return (x.IsReal, y.IsReal) switch
        {
            (true, true) => Cx<TS>.Real(re),
            (true, false) => Cx<TS>.Complex(re, y.Im),
            (false, true) => Cx<TS>.Complex(re, x.Im),
            _ => Cx<TS>.Complex(re, a.Add(x.Im, y.Im)),
        };
    }

    public static Cx<TS> Subtract<TS, TA>(TA a, Cx<TS> x, Cx<TS> y)
        where TA : IRealArithmetic<TS>
    {
        var re = a.Subtract(x.Re, y.Re);
        return (x.IsReal, y.IsReal) switch
        {
            (true, true) => Cx<TS>.Real(re),
            (true, false) => Cx<TS>.Complex(re, a.Negate(y.Im)),
            (false, true) => Cx<TS>.Complex(re, x.Im),
            _ => Cx<TS>.Complex(re, a.Subtract(x.Im, y.Im)),
        };
    }

    public static Cx<TS> Multiply<TS, TA>(TA a, Cx<TS> x, Cx<TS> y)
        where TA : IRealArithmetic<TS>
    {
        return (x.IsReal, y.IsReal) switch
        {
            (true, true) => Cx<TS>.Real(a.Multiply(x.Re, y.Re)),
            (true, false) => Cx<TS>.Complex(a.Multiply(x.Re, y.Re), a.Multiply(x.Re, y.Im)),
            (false, true) => Cx<TS>.Complex(a.Multiply(x.Re, y.Re), a.Multiply(x.Im, y.Re)),
            _ => Cx<TS>.Complex(
                a.Subtract(a.Multiply(x.Re, y.Re), a.Multiply(x.Im, y.Im)),
                a.Add(a.Multiply(x.Re, y.Im), a.Multiply(x.Im, y.Re))),
        };
    }

    /// <summary>The textbook quotient (no scaling against overflow: |z| stays within the escape radius).</summary>
    public static Cx<TS> Divide<TS, TA>(TA a, Cx<TS> x, Cx<TS> y)
        where TA : IRealArithmetic<TS>
    {
        if (y.IsReal)
        {
            return x.IsReal
                ? Cx<TS>.Real(a.Divide(x.Re, y.Re))
                : Cx<TS>.Complex(a.Divide(x.Re, y.Re), a.Divide(x.Im, y.Re));
        }

        var denominator = a.Add(a.Multiply(y.Re, y.Re), a.Multiply(y.Im, y.Im));
        if (x.IsReal)
        {
            return Cx<TS>.Complex(
                a.Divide(a.Multiply(x.Re, y.Re), denominator),
                a.Divide(a.Negate(a.Multiply(x.Re, y.Im)), denominator));
        }

        return Cx<TS>.Complex(
            a.Divide(a.Add(a.Multiply(x.Re, y.Re), a.Multiply(x.Im, y.Im)), denominator),
            a.Divide(a.Subtract(a.Multiply(x.Im, y.Re), a.Multiply(x.Re, y.Im)), denominator));
    }

    public static Cx<TS> Negate<TS, TA>(TA a, Cx<TS> x)
        where TA : IRealArithmetic<TS> =>
        x.IsReal ? Cx<TS>.Real(a.Negate(x.Re)) : Cx<TS>.Complex(a.Negate(x.Re), a.Negate(x.Im));

    /// <summary>x^p: multiplied out when p is a known integer, else through the modulus and the angle.</summary>
    public static Cx<TS> Power<TS, TA>(TA a, Cx<TS> x, Cx<TS> exponent)
        where TA : IRealArithmetic<TS>
    {
        if (a.AsInteger(exponent.Re) is { } n)
        {
            return IntegerPowers.Unroll(x, n, new ComplexSteps<TS, TA>(a));
        }

        var p = exponent.Re;
        var im = x.IsReal ? a.Constant(0) : x.Im;
        var squaredModulus = x.IsReal ? a.Multiply(x.Re, x.Re) : a.Add(a.Multiply(x.Re, x.Re), a.Multiply(im, im));
        var modulus = a.Pow(squaredModulus, a.Multiply(p, a.Constant(0.5)));
        var angle = a.Multiply(p, a.Atan2(im, x.Re));
        return Cx<TS>.Complex(a.Multiply(modulus, a.Cos(angle)), a.Multiply(modulus, a.Sin(angle)));
    }

    public static Cx<TS> Call<TS, TA>(TA a, FormulaFunction function, Cx<TS> x)
        where TA : IRealArithmetic<TS> => function switch
        {
            FormulaFunction.Abs => Cx<TS>.Real(x.IsReal ? a.Abs(x.Re) : a.Sqrt(a.Add(a.Multiply(x.Re, x.Re), a.Multiply(x.Im, x.Im)))),
            FormulaFunction.Re => Cx<TS>.Real(x.Re),
            FormulaFunction.Im => Cx<TS>.Real(x.IsReal ? a.Constant(0) : x.Im),
            FormulaFunction.Conj => x.IsReal ? x : Cx<TS>.Complex(x.Re, a.Negate(x.Im)),
            FormulaFunction.Sqr => Multiply(a, x, x),
            FormulaFunction.Exp => Exp(a, x),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a formula function"),
        };

    private static Cx<TS> Exp<TS, TA>(TA a, Cx<TS> x)
        where TA : IRealArithmetic<TS>
    {
        var scale = a.Exp(x.Re);
        return x.IsReal ? Cx<TS>.Real(scale) : Cx<TS>.Complex(a.Multiply(scale, a.Cos(x.Im)), a.Multiply(scale, a.Sin(x.Im)));
    }
}

/// <summary>x^n's steps on complex values: <see cref="ComplexAlgebra"/>'s product and quotient.</summary>
internal readonly struct ComplexSteps<TS, TA>(TA a) : IPowerSteps<Cx<TS>>
    where TA : IRealArithmetic<TS>
{
    public Cx<TS> Multiply(Cx<TS> x, Cx<TS> y) => ComplexAlgebra.Multiply(a, x, y);

    public Cx<TS> Divide(Cx<TS> x, Cx<TS> y) => ComplexAlgebra.Divide(a, x, y);

    public Cx<TS> One() => Cx<TS>.Real(a.Constant(1));
}
