namespace MandelPS.Engine.Formulas;

/// <summary>
/// The partial evaluator's first visitor (binding-time analysis): marks the nodes whose value is
/// known before any pixel is seen, i.e. that use neither z nor c. Nodes are kept by reference, so a
/// subtree shared by an unrolled power is marked once.
/// </summary>
internal sealed class StaticMarker : IFormulaVisitor<bool>
{
    private readonly HashSet<FormulaNode> _static = new(ReferenceEqualityComparer.Instance);

    private StaticMarker()
    {
    }

    /// <summary>The static nodes of a tree.</summary>
    public static IReadOnlySet<FormulaNode> Mark(FormulaNode tree)
    {
        var marker = new StaticMarker();
        tree.Accept(marker);
        return marker._static;
    }

    public bool VisitConstant(ConstantNode node) => Remember(node, true);

    public bool VisitVariable(VariableNode node) => false;

    public bool VisitNegate(NegateNode node) => Remember(node, node.Operand.Accept(this));

    public bool VisitBinary(BinaryNode node) => Remember(node, node.Left.Accept(this) & node.Right.Accept(this));

    public bool VisitPower(PowerNode node) => Remember(node, node.Base.Accept(this) & node.Exponent.Accept(this));

    public bool VisitCall(CallNode node) => Remember(node, node.Argument.Accept(this));

    private bool Remember(FormulaNode node, bool isStatic)
    {
        if (isStatic)
        {
            _static.Add(node);
        }

        return isStatic;
    }
}
