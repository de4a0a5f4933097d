using System.Numerics;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// A boxed value of the interpreter, a real or a complex number on the heap, the way CPython holds a
/// float or a complex: every operation unboxes its operands through a virtual call and allocates its
/// result. That cost is the point of <see cref="FormulaInterpreter{T}"/> as the baseline.
/// </summary>
internal abstract class FormulaValue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public abstract Cx<T> Unbox();

    public static FormulaValue<T> Box(Cx<T> value) => value.IsReal ? new RealValue<T>(value.Re) : new ComplexValue<T>(value.Re, value.Im);
}

/// <summary>A boxed real number.</summary>
internal sealed class RealValue<T>(T re) : FormulaValue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override Cx<T> Unbox() => Cx<T>.Real(re);
}

/// <summary>A boxed complex number.</summary>
internal sealed class ComplexValue<T>(T re, T im) : FormulaValue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Re => re;

    public T Im => im;

    public override Cx<T> Unbox() => Cx<T>.Complex(re, im);
}
