namespace MandelPS.Engine.Formulas;

/// <summary>
/// A hand-written recursive-descent parser, one method per precedence level:
/// <code>
/// expression := term (('+' | '-') term)*
/// term       := factor (('*' | '/') factor)*
/// factor     := '-' factor | power                  (-z^2 is -(z^2))
/// power      := primary ('^' factor)?               (right-associative: z^2^3 is z^(2^3))
/// primary    := number | number'i' | 'i' | 'z' | 'c' | function '(' expression ')' | '(' expression ')'
/// </code>
/// Every error names the position and what was expected there (see <see cref="FormulaError"/>).
/// </summary>
internal sealed class FormulaParser
{
    private const string Operand = "an operand (a number, z, c, i, a function call or '(')";

    private static readonly Dictionary<string, FormulaFunction> Functions = Enum.GetValues<FormulaFunction>()
        .ToDictionary(f => f.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private readonly string _text;
    private readonly List<FormulaToken> _tokens;
    private int _next;

    private FormulaParser(string text)
    {
        _text = text;
        _tokens = FormulaLexer.Tokenize(text);
    }

    /// <summary>The names a formula may use, as an unknown identifier's error lists them.</summary>
    public static string ValidNames => $"variables z, c and the imaginary unit i; functions {string.Join(", ", Functions.Keys)}";

    public static FormulaNode Parse(string text)
    {
        var parser = new FormulaParser(text);
        var tree = parser.Expression();
        var rest = parser.Peek;
        if (rest.Is(')'))
        {
            throw parser.Error(rest, "unbalanced parentheses: this ')' closes no '('");
        }

        if (rest.Kind != FormulaTokenKind.End)
        {
            throw parser.Error(rest, "expected an operator (+ - * / ^) or the end");
        }

        return tree;
    }

    private FormulaToken Peek => _tokens[_next];

    private FormulaToken Take() => _tokens[_next++];

    private FormulaNode Expression()
    {
        var left = Term();
        while (Peek.Is('+') || Peek.Is('-'))
        {
            var op = Take();
            left = new BinaryNode(op.Position, op.Is('+') ? BinaryOperator.Add : BinaryOperator.Subtract, left, Term());
        }

        return left;
    }

    private FormulaNode Term()
    {
        var left = Factor();
        while (Peek.Is('*') || Peek.Is('/'))
        {
            var op = Take();
            left = new BinaryNode(op.Position, op.Is('*') ? BinaryOperator.Multiply : BinaryOperator.Divide, left, Factor());
        }

        return left;
    }

    private FormulaNode Factor()
    {
        if (Peek.Is('-'))
        {
            var minus = Take();
            return new NegateNode(minus.Position, Factor());
        }

        return Power();
    }

    private FormulaNode Power()
    {
        var @base = Primary();
        if (Peek.Is('^'))
        {
            var caret = Take();
            return new PowerNode(caret.Position, @base, Factor());
        }

        return @base;
    }

    private FormulaNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case FormulaTokenKind.Number:
                return ConstantNode.Real(token.Position, token.Value);
            case FormulaTokenKind.ImaginaryNumber:
                return ConstantNode.Imaginary(token.Position, token.Value);
            case FormulaTokenKind.Identifier:
                return Name(token);
            case FormulaTokenKind.Symbol when token.Is('('):
                var inner = Expression();
                Close(token);
                return inner;
            default:
                throw Error(token, $"expected {Operand}, found {token.Describe()}");
        }
    }

    private FormulaNode Name(FormulaToken token)
    {
        var name = token.Text.ToLowerInvariant();
        if (Functions.TryGetValue(name, out var function))
        {
            var open = Take();
            if (!open.Is('('))
            {
                throw Error(open, $"expected '(' after the function {name}: write {name}(z)");
            }

            var argument = Expression();
            Close(open);
            return new CallNode(token.Position, function, argument);
        }

        FormulaNode node = name switch
        {
            "z" => new VariableNode(token.Position, FormulaVariable.Z),
            "c" => new VariableNode(token.Position, FormulaVariable.C),
            "i" => ConstantNode.Imaginary(token.Position, 1),
            _ => throw Error(token, $"unknown name '{token.Text}'; valid: {ValidNames}"),
        };
        if (Peek.Is('('))
        {
            throw Error(Peek, $"{name} is not a function; expected an operator (write {name}*(...))");
        }

        return node;
    }

    private void Close(FormulaToken open)
    {
        var close = Take();
        if (!close.Is(')'))
        {
            throw Error(close, $"unbalanced parentheses: expected ')' to close the '(' at position {open.Position}, found {close.Describe()}");
        }
    }

    private Errors.MandelPSException Error(FormulaToken at, string problem) =>
        FormulaError.At(_text, at.Position, at.Text.Length, problem);
}
