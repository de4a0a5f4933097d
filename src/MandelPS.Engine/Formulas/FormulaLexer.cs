using System.Globalization;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Splits a formula into tokens: numbers (2, 2.5, 1e-3; with a trailing i they are imaginary),
/// identifiers, and the symbols + - * / ^ ( ). Whitespace separates tokens and is otherwise ignored.
/// </summary>
internal static class FormulaLexer
{
    private const string Symbols = "+-*/^()";

    public static List<FormulaToken> Tokenize(string text)
    {
        var tokens = new List<FormulaToken>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                i++;
            }
            else if (char.IsAsciiDigit(ch) || (ch == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(Number(text, ref i));
            }
            else if (char.IsAsciiLetter(ch) || ch == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new FormulaToken(FormulaTokenKind.Identifier, text[start..i], 0, start + 1));
            }
            else if (Symbols.Contains(ch, StringComparison.Ordinal))
            {
                tokens.Add(new FormulaToken(FormulaTokenKind.Symbol, ch.ToString(), 0, i + 1));
                i++;
            }
            else
            {
                throw FormulaError.At(text, i + 1, 1, $"unexpected character '{ch}'; allowed: numbers, z, c, i, functions, + - * / ^ ( )");
            }
        }

        tokens.Add(new FormulaToken(FormulaTokenKind.End, "", 0, text.Length + 1));
        return tokens;
    }

    private static FormulaToken Number(string text, ref int i)
    {
        var start = i;
        SkipDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            SkipDigits(text, ref i);
        }

        if (i < text.Length && text[i] is 'e' or 'E' && i + 1 < text.Length
            && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] is '+' or '-' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
        {
            i += 2;
            SkipDigits(text, ref i);
        }

        var digits = text[start..i];
        var value = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw FormulaError.At(text, start + 1, i - start, "this number is too large for a double");
        }

        // "2i" is an imaginary literal, "2if" or "2x" is a number glued to a name.
        var imaginary = i < text.Length && text[i] == 'i' && (i + 1 == text.Length || !(char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '_'));
        if (imaginary)
        {
            i++;
            return new FormulaToken(FormulaTokenKind.ImaginaryNumber, text[start..i], value, start + 1);
        }

        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            throw FormulaError.At(text, i + 1, 1, "expected an operator after the number (write 2*z, not 2z)");
        }

        return new FormulaToken(FormulaTokenKind.Number, digits, value, start + 1);
    }

    private static void SkipDigits(string text, ref int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
    }
}
