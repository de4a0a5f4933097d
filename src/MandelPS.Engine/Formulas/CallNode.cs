namespace MandelPS.Engine.Formulas;

/// <summary>The functions a formula may call, each of one complex argument.</summary>
public enum FormulaFunction
{
    /// <summary>|z| (a real number).</summary>
    Abs,

    /// <summary>The real part (a real number).</summary>
    Re,

    /// <summary>The imaginary part (a real number).</summary>
    Im,

    /// <summary>The complex conjugate.</summary>
    Conj,

    /// <summary>z*z.</summary>
    Sqr,

    /// <summary>e^z.</summary>
    Exp,
}

/// <summary>function(argument).</summary>
public sealed record CallNode(int Position, FormulaFunction Function, FormulaNode Argument) : FormulaNode(Position)
{
    public override TResult Accept<TResult>(IFormulaVisitor<TResult> visitor) => visitor.VisitCall(this);
}
