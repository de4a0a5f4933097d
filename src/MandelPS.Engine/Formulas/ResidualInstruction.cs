namespace MandelPS.Engine.Formulas;

/// <summary>
/// One instruction of residual code in SSA form: Target = Op(Left, Right) over registers, each
/// target written by exactly one instruction. Right is -1 for a unary operation.
/// </summary>
public readonly record struct ResidualInstruction(ResidualOp Op, int Target, int Left, int Right)
{
    /// <summary>"r7 = zx * zy", "r9 = sqrt(r8)".</summary>
    public override string ToString()
    {
        var (left, right) = (ResidualProgram.Name(Left), ResidualProgram.Name(Right));
        var name = Op.ToString().ToLowerInvariant();
        var value = ResidualOps.Infix(Op) is { } symbol ? $"{left} {symbol} {right}" : Right < 0 ? $"{name}({left})" : $"{name}({left}, {right})";
        return $"r{Target} = {value}";
    }
}
