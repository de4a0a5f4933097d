using System.Globalization;
using System.Text;

namespace MandelPS.Engine.Formulas;

/// <summary>A tree as indented text, one node a line with its position: what the parser built (the tutorial's `dis` of the source).</summary>
internal sealed class TreeListing : IFormulaVisitor<bool>
{
    private readonly StringBuilder _text = new();
    private int _depth;

    private TreeListing()
    {
    }

    public static string Of(FormulaNode tree)
    {
        var listing = new TreeListing();
        tree.Accept(listing);
        return listing._text.ToString().TrimEnd();
    }

    public bool VisitConstant(ConstantNode node) => Line(node, node.IsReal
        ? Number(node.Re)
        : $"{Number(node.Re)} + {Number(node.Im)}i");

    public bool VisitVariable(VariableNode node) => Line(node, node.Variable.ToString().ToLowerInvariant());

    public bool VisitNegate(NegateNode node) => Line(node, "negate", node.Operand);

    public bool VisitBinary(BinaryNode node) => Line(node, BinaryNode.Symbol(node.Operator).ToString(), node.Left, node.Right);

    public bool VisitPower(PowerNode node) => Line(node, "^", node.Base, node.Exponent);

    public bool VisitCall(CallNode node) => Line(node, node.Function.ToString().ToLowerInvariant(), node.Argument);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private bool Line(FormulaNode node, string what, params FormulaNode[] children)
    {
        _text.Append(' ', 2 * _depth).AppendLine(CultureInfo.InvariantCulture, $"{what}    @{node.Position}");
        _depth++;
        foreach (var child in children)
        {
            child.Accept(this);
        }

        _depth--;
        return true;
    }
}
