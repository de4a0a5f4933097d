namespace MandelPS.Engine.Formulas;

/// <summary>The two variables of an escape-time iteration.</summary>
public enum FormulaVariable
{
    /// <summary>The orbit, 0 at the start, replaced by the formula's value each iteration.</summary>
    Z,

    /// <summary>The pixel's point in the plane.</summary>
    C,
}

/// <summary>z or c: the only dynamic values of a formula (everything else is static).</summary>
public sealed record VariableNode(int Position, FormulaVariable Variable) : FormulaNode(Position)
{
    public override TResult Accept<TResult>(IFormulaVisitor<TResult> visitor) => visitor.VisitVariable(this);
}
