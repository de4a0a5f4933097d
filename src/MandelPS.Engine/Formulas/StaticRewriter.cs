using System.Numerics;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// The partial evaluator's second visitor: rewrites a tree given what <see cref="StaticMarker"/> found
/// static. A static subtree becomes the constant the interpreter computes for it (in precision T, as
/// the interpreter would each iteration); z^n for a constant integer n becomes multiplications
/// (<see cref="IntegerPowers"/>, sharing the squared subtrees); sqr(x) becomes x*x. What is left
/// depends on z and c alone and is lowered to real arithmetic by <see cref="ResidualBuilder{T}"/>.
/// </summary>
internal sealed class StaticRewriter<T> : IFormulaVisitor<FormulaNode>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlySet<FormulaNode> _static;

    private StaticRewriter(IReadOnlySet<FormulaNode> isStatic) => _static = isStatic;

    public static FormulaNode Rewrite(FormulaNode tree) => tree.Accept(new StaticRewriter<T>(StaticMarker.Mark(tree)));

    public FormulaNode VisitConstant(ConstantNode node) => Fold(node);

    public FormulaNode VisitVariable(VariableNode node) => node;

    public FormulaNode VisitNegate(NegateNode node) => _static.Contains(node) ? Fold(node) : node with { Operand = node.Operand.Accept(this) };

    public FormulaNode VisitBinary(BinaryNode node) =>
        _static.Contains(node) ? Fold(node) : node with { Left = node.Left.Accept(this), Right = node.Right.Accept(this) };

    public FormulaNode VisitPower(PowerNode node)
    {
        if (_static.Contains(node))
        {
            return Fold(node);
        }

        var @base = node.Base.Accept(this);
        var exponent = (ConstantNode)Fold(node.Exponent); // FormulaChecks: an exponent is static
        if (default(NumberArithmetic<T>).AsInteger(T.CreateTruncating(exponent.Re)) is { } n)
        {
            return IntegerPowers.Unroll(@base, n, new NodeSteps(node.Position));
        }

        return new PowerNode(node.Position, @base, exponent);
    }

    public FormulaNode VisitCall(CallNode node)
    {
        if (_static.Contains(node))
        {
            return Fold(node);
        }

        var argument = node.Argument.Accept(this);
        return node.Function == FormulaFunction.Sqr
            ? new BinaryNode(node.Position, BinaryOperator.Multiply, argument, argument)
            : node with { Argument = argument };
    }

    private static ConstantNode Fold(FormulaNode node)
    {
        var value = FormulaInterpreter<T>.EvaluateStatic(node);
        return new ConstantNode(node.Position, double.CreateTruncating(value.Re), value.IsReal ? 0 : double.CreateTruncating(value.Im), value.IsReal);
    }
}

/// <summary>x^n's steps as tree nodes at the power's position; the squared subtree is shared, not copied.</summary>
internal readonly struct NodeSteps(int position) : IPowerSteps<FormulaNode>
{
    public FormulaNode Multiply(FormulaNode a, FormulaNode b) => new BinaryNode(position, BinaryOperator.Multiply, a, b);

    public FormulaNode Divide(FormulaNode a, FormulaNode b) => new BinaryNode(position, BinaryOperator.Divide, a, b);

    public FormulaNode One() => ConstantNode.Real(position, 1);
}
