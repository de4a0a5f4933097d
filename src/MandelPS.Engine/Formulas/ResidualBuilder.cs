using System.Numerics;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Lowers a rewritten tree (see <see cref="StaticRewriter{T}"/>) to residual code: complex operations
/// become real ones through <see cref="ComplexAlgebra"/>, the same definitions the interpreter runs, so
/// the order of operations is the interpreter's. On the way it folds constant operands (in precision T),
/// drops only what is exact for every input (x*1, x/1, x - 0, x + -0, -(-x); x*-1 is -x), and reuses
/// equal computations, commuted ones included (a*b and b*a are the same IEEE product). Code whose
/// result is unused is then removed and registers numbered in order.
/// </summary>
internal sealed class ResidualBuilder<T> : IFormulaVisitor<Cx<int>>, IRealArithmetic<int>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Inputs = ResidualProgram.FirstConstant;

    // Values are numbered while building: inputs, then constants and instructions as they come.
    private readonly Dictionary<int, T> _constantOf = [];
    private readonly Dictionary<long, int> _constantByBits = [];
    private readonly List<(ResidualOp Op, int Left, int Right)> _definitions = [];
    private readonly Dictionary<(ResidualOp, int, int), int> _existing = [];
    private readonly Dictionary<FormulaNode, Cx<int>> _lowered = new(ReferenceEqualityComparer.Instance);

    private ResidualBuilder()
    {
    }

    public static ResidualProgram Build(Formula formula)
    {
        var builder = new ResidualBuilder<T>();
        var next = StaticRewriter<T>.Rewrite(formula.Tree).Accept(builder);
        var zy = next.IsReal ? builder.Constant(0) : next.Im;
        return builder.Finish(formula, next.Re, zy, double.CreateTruncating(formula.RadiusSquared<T>()));
    }

    public Cx<int> VisitConstant(ConstantNode node) =>
        node.IsReal ? Cx<int>.Real(Constant(node.Re)) : Cx<int>.Complex(Constant(node.Re), Constant(node.Im));

    public Cx<int> VisitVariable(VariableNode node) => node.Variable == FormulaVariable.Z
        ? Cx<int>.Complex(ResidualProgram.Zx, ResidualProgram.Zy)
        : Cx<int>.Complex(ResidualProgram.Cx, ResidualProgram.Cy);

    public Cx<int> VisitNegate(NegateNode node) => Lower(node, () => ComplexAlgebra.Negate(this, node.Operand.Accept(this)));

    public Cx<int> VisitBinary(BinaryNode node) => Lower(node, () =>
    {
        var (left, right) = (node.Left.Accept(this), node.Right.Accept(this));
        return node.Operator switch
        {
            BinaryOperator.Add => ComplexAlgebra.Add(this, left, right),
            BinaryOperator.Subtract => ComplexAlgebra.Subtract(this, left, right),
            BinaryOperator.Multiply => ComplexAlgebra.Multiply(this, left, right),
            _ => ComplexAlgebra.Divide(this, left, right),
        };
    });

    public Cx<int> VisitPower(PowerNode node) => Lower(node, () => ComplexAlgebra.Power(this, node.Base.Accept(this), node.Exponent.Accept(this)));

    public Cx<int> VisitCall(CallNode node) => Lower(node, () => ComplexAlgebra.Call(this, node.Function, node.Argument.Accept(this)));

    public int Constant(double value) => Constant(T.CreateTruncating(value));

    public int Add(int a, int b)
    {
        if (IsConstant(b, -T.Zero, exactSign: true))
        {
            return a;
        }

        return IsConstant(a, -T.Zero, exactSign: true) ? b : Emit(ResidualOp.Add, a, b);
    }

    public int Subtract(int a, int b)
    {
        if (IsConstant(b, T.Zero, exactSign: true))
        {
            return a;
        }

        return IsConstant(a, -T.Zero, exactSign: true) ? Negate(b) : Emit(ResidualOp.Subtract, a, b);
    }

    public int Multiply(int a, int b)
    {
        if (IsConstant(b, T.One) || IsConstant(a, T.One))
        {
            return IsConstant(b, T.One) ? a : b;
        }

        if (IsConstant(b, -T.One) || IsConstant(a, -T.One))
        {
            return Negate(IsConstant(b, -T.One) ? a : b);
        }

        return Emit(ResidualOp.Multiply, a, b);
    }

    public int Divide(int a, int b) => IsConstant(b, T.One) ? a : IsConstant(b, -T.One) ? Negate(a) : Emit(ResidualOp.Divide, a, b);

    public int Negate(int a) => Defined(a) is (ResidualOp.Negate, var inner, _) ? inner : Emit(ResidualOp.Negate, a, -1);

    public int Abs(int a) => Defined(a) is (ResidualOp.Negate or ResidualOp.Abs, var inner, _) ? Emit(ResidualOp.Abs, inner, -1) : Emit(ResidualOp.Abs, a, -1);

    public int Sqrt(int a) => Emit(ResidualOp.Sqrt, a, -1);

    public int Exp(int a) => Emit(ResidualOp.Exp, a, -1);

    public int Cos(int a) => Emit(ResidualOp.Cos, a, -1);

    public int Sin(int a) => Emit(ResidualOp.Sin, a, -1);

    public int Atan2(int y, int x) => Emit(ResidualOp.Atan2, y, x);

    public int Pow(int x, int y) => Emit(ResidualOp.Pow, x, y);

    public int? AsInteger(int a) => _constantOf.TryGetValue(a, out var value) ? default(NumberArithmetic<T>).AsInteger(value) : null;

    private Cx<int> Lower(FormulaNode node, Func<Cx<int>> lower)
    {
        // Unrolled powers share subtrees by reference: lower each once.
        if (!_lowered.TryGetValue(node, out var value))
        {
            value = lower();
            _lowered[node] = value;
        }

        return value;
    }

    private int Constant(T value)
    {
        var bits = BitConverter.DoubleToInt64Bits(double.CreateTruncating(value));
        if (!_constantByBits.TryGetValue(bits, out var id))
        {
            id = Inputs + _definitions.Count;
            _definitions.Add(default);
            _constantOf[id] = value;
            _constantByBits[bits] = id;
        }

        return id;
    }

    private bool IsConstant(int id, T value, bool exactSign = false) =>
        _constantOf.TryGetValue(id, out var known) && known == value && (!exactSign || T.IsNegative(known) == T.IsNegative(value));

    private (ResidualOp Op, int Left, int Right)? Defined(int id) =>
        id >= Inputs && !_constantOf.ContainsKey(id) ? _definitions[id - Inputs] : null;

    private int Emit(ResidualOp op, int left, int right)
    {
        if (_constantOf.TryGetValue(left, out var a) && (right < 0 || _constantOf.ContainsKey(right)))
        {
            return Constant(Fold(op, a, right < 0 ? T.Zero : _constantOf[right]));
        }

        // a*b and b*a (and a+b, b+a) are the same IEEE result: one instruction serves both.
        var key = op is ResidualOp.Add or ResidualOp.Multiply && right < left ? (op, right, left) : (op, left, right);
        if (!_existing.TryGetValue(key, out var id))
        {
            id = Inputs + _definitions.Count;
            _definitions.Add((op, key.Item2, key.Item3));
            _existing[key] = id;
        }

        return id;
    }

    private static T Fold(ResidualOp op, T a, T b)
    {
        var numbers = default(NumberArithmetic<T>);
        return op switch
        {
            ResidualOp.Add => numbers.Add(a, b),
            ResidualOp.Subtract => numbers.Subtract(a, b),
            ResidualOp.Multiply => numbers.Multiply(a, b),
            ResidualOp.Divide => numbers.Divide(a, b),
            ResidualOp.Negate => numbers.Negate(a),
            ResidualOp.Abs => numbers.Abs(a),
            ResidualOp.Sqrt => numbers.Sqrt(a),
            ResidualOp.Exp => numbers.Exp(a),
            ResidualOp.Cos => numbers.Cos(a),
            ResidualOp.Sin => numbers.Sin(a),
            ResidualOp.Atan2 => numbers.Atan2(a, b),
            _ => numbers.Pow(a, b),
        };
    }

    /// <summary>Keeps what the outputs need, constants first, and numbers the registers in order.</summary>
    private ResidualProgram Finish(Formula formula, int nextZx, int nextZy, double escapeRadiusSquared)
    {
        var live = new HashSet<int> { nextZx, nextZy };
        for (var id = Inputs + _definitions.Count - 1; id >= Inputs; id--)
        {
            if (live.Contains(id) && Defined(id) is var (_, left, right))
            {
                live.Add(left);
                live.Add(right);
            }
        }

        var register = new Dictionary<int, int> { [-1] = -1 };
        for (var input = 0; input < Inputs; input++)
        {
            register[input] = input;
        }

        var constants = new List<double>();
        foreach (var (id, value) in _constantOf.OrderBy(p => p.Key).Where(p => live.Contains(p.Key)))
        {
            register[id] = Inputs + constants.Count;
            constants.Add(double.CreateTruncating(value));
        }

        var instructions = new List<ResidualInstruction>();
        for (var id = Inputs; id < Inputs + _definitions.Count; id++)
        {
            if (live.Contains(id) && Defined(id) is var (op, left, right))
            {
                register[id] = Inputs + constants.Count + instructions.Count;
                instructions.Add(new ResidualInstruction(op, register[id], register[left], register[right]));
            }
        }

        return new ResidualProgram(formula, typeof(T) == typeof(float) ? Problem.Precision.Single : Problem.Precision.Double,
            constants, instructions, register[nextZx], register[nextZy], escapeRadiusSquared);
    }
}
