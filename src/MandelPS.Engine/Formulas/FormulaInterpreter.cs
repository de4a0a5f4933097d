using System.Numerics;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// A tree-walking interpreter: each iteration visits every node of the formula, dispatching on the
/// node's kind (like an eval loop on opcodes) and on the values' kinds (boxed reals and complexes,
/// unboxed by a virtual call), allocating a box per result. The CPython analogue: what a formula costs before anything is specialised.
/// The meaning of each operation is <see cref="ComplexAlgebra"/>'s, shared with the specialiser.
/// </summary>
internal sealed class FormulaInterpreter<T> : IFormulaVisitor<FormulaValue<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static NumberArithmetic<T> Numbers => default;
    private readonly FormulaValue<T> _c;
    private FormulaValue<T> _z;

    public FormulaInterpreter(T zx, T zy, T cx, T cy)
    {
        _z = new ComplexValue<T>(zx, zy);
        _c = new ComplexValue<T>(cx, cy);
    }

    /// <summary>A static (variable-free) subtree's value: what the rewriter folds a constant to.</summary>
    public static Cx<T> EvaluateStatic(FormulaNode node) => new FormulaInterpreter<T>(T.Zero, T.Zero, T.Zero, T.Zero).Value(node);

    /// <summary>
    /// n such that |z_(n+1)|^2 &gt; radius^2, or maxIterations, z_0 = 0: the same loop as
    /// <see cref="Kernels.ExpandedKernel"/>'s with the formula in place of z^2 + c.
    /// </summary>
    public static int EscapeCount(FormulaNode formula, T radiusSquared, T cx, T cy, int maxIterations)
    {
        var interpreter = new FormulaInterpreter<T>(T.Zero, T.Zero, cx, cy);
        var n = 0;
        for (; n < maxIterations; n++)
        {
            // z is complex from here on even when the formula's value is real: its imaginary part is 0.
            var value = interpreter.Evaluate(formula);
            var next = value as ComplexValue<T> ?? new ComplexValue<T>(value.Unbox().Re, T.Zero);
            interpreter._z = next;
            var (zx, zy) = (next.Re, next.Im);
            if (zx * zx + zy * zy > radiusSquared)
            {
                break;
            }
        }

        return n;
    }

    /// <summary>
    /// The node's value, dispatched on the node's type like an eval loop on opcodes. Not through
    /// <see cref="FormulaNode.Accept{TResult}"/>: a generic virtual call costs a runtime lookup each time,
    /// which would make this baseline slower than the interpretation it stands for.
    /// </summary>
    public FormulaValue<T> Evaluate(FormulaNode node) => node switch
    {
        BinaryNode binary => VisitBinary(binary),
        VariableNode variable => VisitVariable(variable),
        ConstantNode constant => VisitConstant(constant),
        PowerNode power => VisitPower(power),
        CallNode call => VisitCall(call),
        _ => VisitNegate((NegateNode)node),
    };

    private Cx<T> Value(FormulaNode node) => Evaluate(node).Unbox();

    public FormulaValue<T> VisitConstant(ConstantNode node) =>
        node.IsReal ? new RealValue<T>(T.CreateTruncating(node.Re)) : new ComplexValue<T>(T.CreateTruncating(node.Re), T.CreateTruncating(node.Im));

    public FormulaValue<T> VisitVariable(VariableNode node) => node.Variable == FormulaVariable.Z ? _z : _c;

    public FormulaValue<T> VisitNegate(NegateNode node) => FormulaValue<T>.Box(ComplexAlgebra.Negate(Numbers, Value(node.Operand)));

    public FormulaValue<T> VisitBinary(BinaryNode node)
    {
        var left = Value(node.Left);
        var right = Value(node.Right);
        return FormulaValue<T>.Box(node.Operator switch
        {
            BinaryOperator.Add => ComplexAlgebra.Add(Numbers, left, right),
            BinaryOperator.Subtract => ComplexAlgebra.Subtract(Numbers, left, right),
            BinaryOperator.Multiply => ComplexAlgebra.Multiply(Numbers, left, right),
            _ => ComplexAlgebra.Divide(Numbers, left, right),
        });
    }

    public FormulaValue<T> VisitPower(PowerNode node) => FormulaValue<T>.Box(ComplexAlgebra.Power(Numbers, Value(node.Base), Value(node.Exponent)));

    public FormulaValue<T> VisitCall(CallNode node) => FormulaValue<T>.Box(ComplexAlgebra.Call(Numbers, node.Function, Value(node.Argument)));
}
