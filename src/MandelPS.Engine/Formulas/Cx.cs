namespace MandelPS.Engine.Formulas;

/// <summary>
/// A complex value over some real representation S, or a real one (<see cref="IsReal"/>: no imaginary
/// part at all, not a zero one). Keeping reals apart is what makes 2*z two multiplications, re(z)
/// free and |re(z)| an exact absolute value, in the interpreter and the specialised code alike.
/// </summary>
internal readonly record struct Cx<TScalar>(TScalar Re, TScalar Im, bool IsReal)
{
    public static Cx<TScalar> Real(TScalar re) => new(re, default!, IsReal: true);

    public static Cx<TScalar> Complex(TScalar re, TScalar im) => new(re, im, IsReal: false);
}
