namespace MandelPS.Engine.Formulas;

/// <summary>The four arithmetic operators.</summary>
public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>left op right; <see cref="FormulaNode.Position"/> is the operator's.</summary>
public sealed record BinaryNode(int Position, BinaryOperator Operator, FormulaNode Left, FormulaNode Right) : FormulaNode(Position)
{
    public static char Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => '+',
        BinaryOperator.Subtract => '-',
        BinaryOperator.Multiply => '*',
        _ => '/',
    };

    public override TResult Accept<TResult>(IFormulaVisitor<TResult> visitor) => visitor.VisitBinary(this);
}
