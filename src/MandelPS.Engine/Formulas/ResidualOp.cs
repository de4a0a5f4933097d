namespace MandelPS.Engine.Formulas;

/// <summary>
/// The operations of residual code: real arithmetic only, each a single IEEE operation or a call of
/// the standard real function of the same name (Math/MathF), so every backend (the register machine,
/// IL, vector code, OpenCL C) computes the same bits given the same order.
/// </summary>
public enum ResidualOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Abs,
    Sqrt,
    Exp,
    Cos,
    Sin,

    /// <summary>atan2(left = y, right = x).</summary>
    Atan2,

    /// <summary>pow(left, right).</summary>
    Pow,
}

/// <summary>What backends need to know about an operation.</summary>
public static class ResidualOps
{
    public static bool IsBinary(ResidualOp op) => op is ResidualOp.Add or ResidualOp.Subtract or ResidualOp.Multiply or ResidualOp.Divide or ResidualOp.Atan2 or ResidualOp.Pow;

    /// <summary>True for the library calls that vector units have no instruction for (done lane by lane).</summary>
    public static bool IsLibraryCall(ResidualOp op) => op is ResidualOp.Exp or ResidualOp.Cos or ResidualOp.Sin or ResidualOp.Atan2 or ResidualOp.Pow;

    /// <summary>The infix symbol of an arithmetic operator, or null for a function.</summary>
    public static string? Infix(ResidualOp op) => op switch
    {
        ResidualOp.Add => "+",
        ResidualOp.Subtract => "-",
        ResidualOp.Multiply => "*",
        ResidualOp.Divide => "/",
        _ => null,
    };
}
