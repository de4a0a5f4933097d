namespace MandelPS.Engine.Formulas;

/// <summary>Unary minus.</summary>
public sealed record NegateNode(int Position, FormulaNode Operand) : FormulaNode(Position)
{
    public override TResult Accept<TResult>(IFormulaVisitor<TResult> visitor) => visitor.VisitNegate(this);
}
