namespace MandelPS.Engine.Formulas;

/// <summary>What a token is.</summary>
internal enum FormulaTokenKind
{
    Number,
    ImaginaryNumber,
    Identifier,
    Symbol,
    End,
}

/// <summary>One token of a formula: its kind, its text, its value (numbers) and its 1-based position.</summary>
internal readonly record struct FormulaToken(FormulaTokenKind Kind, string Text, double Value, int Position)
{
    public bool Is(char symbol) => Kind == FormulaTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind == FormulaTokenKind.End ? "the end" : $"'{Text}'";
}
