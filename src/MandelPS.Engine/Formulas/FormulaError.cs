using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// The one shape of a formula error: InvalidRequest on parameter Formula, one line (hosts print errors
/// on one line), the position, the formula with the offending token in brackets, then what is wrong:
/// "at position 7 (z^2 + [*] c): expected an operand ...". Brackets are not part of the language, so
/// the mark cannot be mistaken for formula text.
/// </summary>
internal static class FormulaError
{
    public static MandelPSException At(string text, int position, int length, string problem)
    {
        var start = Math.Clamp(position - 1, 0, text.Length);
        var end = Math.Clamp(start + Math.Max(length, 0), start, text.Length);
        var marked = $"{text[..start]}[{text[start..end]}]{text[end..]}";
        return MandelPSException.Invalid("Formula", $"at position {position} ({marked}): {problem}", text);
    }

    public static MandelPSException At(string text, FormulaNode node, string problem) => At(text, node.Position, 1, problem);

    public static MandelPSException Whole(string text, string problem) => MandelPSException.Invalid("Formula", problem, text);
}
