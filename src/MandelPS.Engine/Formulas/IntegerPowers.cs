namespace MandelPS.Engine.Formulas;

/// <summary>The operations x^n is unrolled into, on whatever values (numbers, registers, tree nodes).</summary>
internal interface IPowerSteps<TValue>
{
    TValue Multiply(TValue a, TValue b);

    TValue Divide(TValue a, TValue b);

    TValue One();
}

/// <summary>
/// x^n for a constant integer n as multiplications: the partial-evaluation blog's first example
/// (a power function specialised on its exponent). Square-and-multiply: x^2k = (x^k)^2,
/// x^(2k+1) = x^2k * x, x^-n = 1 / x^n, x^0 = 1. One definition, so the interpreter, the
/// rewriter and the residual code multiply in the same order.
/// </summary>
internal static class IntegerPowers
{
    /// <summary>The largest |n| a formula may raise to (and the largest |p| of a real exponent).</summary>
    public const int MaxExponent = 64;

    public static TValue Unroll<TValue, TSteps>(TValue x, int n, TSteps steps)
        where TSteps : IPowerSteps<TValue>
    {
        if (n < 0)
        {
            return steps.Divide(steps.One(), Unroll(x, -n, steps));
        }

        if (n <= 1)
        {
            return n == 0 ? steps.One() : x;
        }

        if (n % 2 == 0)
        {
            var half = Unroll(x, n / 2, steps);
            return steps.Multiply(half, half);
        }

        return steps.Multiply(Unroll(x, n - 1, steps), x);
    }
}
