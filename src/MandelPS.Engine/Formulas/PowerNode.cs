namespace MandelPS.Engine.Formulas;

/// <summary>
/// base ^ exponent. The exponent must be a static real number (checked by <see cref="FormulaChecks"/>);
/// an integer exponent is multiplied out, any other goes through |z|^p and the angle.
/// </summary>
public sealed record PowerNode(int Position, FormulaNode Base, FormulaNode Exponent) : FormulaNode(Position)
{
    public override TResult Accept<TResult>(IFormulaVisitor<TResult> visitor) => visitor.VisitPower(this);
}
