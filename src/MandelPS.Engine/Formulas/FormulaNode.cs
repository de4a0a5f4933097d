namespace MandelPS.Engine.Formulas;

/// <summary>
/// A node of a parsed formula. The interpreter, the static marker, the rewriter, the residual builder
/// and the listings all walk the same node definitions through <see cref="IFormulaVisitor{TResult}"/>.
/// <see cref="Position"/> is the 1-based character where the node starts, for error messages.
/// Records compare by value, so tests can compare whole trees; passes that must tell shared
/// subtrees apart key on reference.
/// </summary>
public abstract record FormulaNode(int Position)
{
    public abstract TResult Accept<TResult>(IFormulaVisitor<TResult> visitor);
}

/// <summary>One method per node kind: the double dispatch every pass over a formula uses.</summary>
public interface IFormulaVisitor<out TResult>
{
    TResult VisitConstant(ConstantNode node);

    TResult VisitVariable(VariableNode node);

    TResult VisitNegate(NegateNode node);

    TResult VisitBinary(BinaryNode node);

    TResult VisitPower(PowerNode node);

    TResult VisitCall(CallNode node);
}
