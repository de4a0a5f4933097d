namespace MandelPS.Engine.Formulas;

/// <summary>
/// A number: a real literal (2.5), an imaginary one (0.3i, i), or a constant the rewriter folded.
/// A real constant has <see cref="IsReal"/> set and no imaginary part at all, so arithmetic with it
/// touches only real parts (2*z is 2*zx, 2*zy, not a full complex product).
/// </summary>
public sealed record ConstantNode(int Position, double Re, double Im, bool IsReal) : FormulaNode(Position)
{
    /// <summary>
    /// The real part an imaginary literal carries. -0, not +0: -0 is IEEE's exact additive identity
    /// (x + -0 == x for every x, while -0 + +0 is +0), so adding it can be dropped without changing a bit.
    /// </summary>
    public const double ImaginaryLiteralRe = -0.0;

    public static ConstantNode Real(int position, double value) => new(position, value, 0, IsReal: true);

    public static ConstantNode Imaginary(int position, double value) => new(position, ImaginaryLiteralRe, value, IsReal: false);

    public override TResult Accept<TResult>(IFormulaVisitor<TResult> visitor) => visitor.VisitConstant(this);
}
