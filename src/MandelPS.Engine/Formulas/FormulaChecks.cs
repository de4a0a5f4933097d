namespace MandelPS.Engine.Formulas;

/// <summary>
/// What a parsed formula must also satisfy before it runs, each refusal an error at its position: z
/// appears (else every pixel's orbit is the same), every exponent is a constant real number within
/// ±<see cref="IntegerPowers.MaxExponent"/>, and no divisor is a constant zero.
/// </summary>
internal static class FormulaChecks
{
    public static void Check(string text, FormulaNode tree)
    {
        var isStatic = StaticMarker.Mark(tree);
        if (!UsesZ(tree))
        {
            throw FormulaError.Whole(text, $"'{text}' does not use z: the iteration must depend on z, e.g. 'z^2 + c'");
        }

        Walk(text, tree, isStatic);
    }

    private static void Walk(string text, FormulaNode node, IReadOnlySet<FormulaNode> isStatic)
    {
        switch (node)
        {
            case NegateNode negate:
                Walk(text, negate.Operand, isStatic);
                break;
            case CallNode call:
                Walk(text, call.Argument, isStatic);
                break;
            case BinaryNode binary:
                Walk(text, binary.Left, isStatic);
                Walk(text, binary.Right, isStatic);
                if (binary.Operator == BinaryOperator.Divide && isStatic.Contains(binary.Right)
                    && FormulaInterpreter<double>.EvaluateStatic(binary.Right) is { Re: 0 } divisor && (divisor.IsReal || divisor.Im == 0))
                {
                    throw FormulaError.At(text, binary, "division by a constant zero");
                }

                break;
            case PowerNode power:
                Walk(text, power.Base, isStatic);
                Walk(text, power.Exponent, isStatic);
                CheckExponent(text, power, isStatic);
                break;
        }
    }

    private static void CheckExponent(string text, PowerNode power, IReadOnlySet<FormulaNode> isStatic)
    {
        if (!isStatic.Contains(power.Exponent))
        {
            throw FormulaError.At(text, power, "the exponent after this ^ must be a constant (a number, not z or c)");
        }

        var exponent = FormulaInterpreter<double>.EvaluateStatic(power.Exponent);
        if (!exponent.IsReal)
        {
            throw FormulaError.At(text, power, "the exponent after this ^ must be a real number");
        }

        if (!(Math.Abs(exponent.Re) <= IntegerPowers.MaxExponent))
        {
            throw FormulaError.At(text, power,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the exponent {exponent.Re} after this ^ is beyond the bound -{IntegerPowers.MaxExponent}..{IntegerPowers.MaxExponent}"));
        }
    }

    private static bool UsesZ(FormulaNode node) => node switch
    {
        VariableNode variable => variable.Variable == FormulaVariable.Z,
        NegateNode negate => UsesZ(negate.Operand),
        CallNode call => UsesZ(call.Argument),
        BinaryNode binary => UsesZ(binary.Left) || UsesZ(binary.Right),
        PowerNode power => UsesZ(power.Base) || UsesZ(power.Exponent),
        _ => false,
    };
}
