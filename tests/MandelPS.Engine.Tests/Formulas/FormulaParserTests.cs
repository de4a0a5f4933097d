using MandelPS.Engine.Errors;
using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>The language: what parses to which tree, and every refusal with its position and what was expected.</summary>
public sealed class FormulaParserTests
{
    public static TheoryData<string> Examples() =>
    [
        "z^2 + c", "z^3 + c", "z^5 - z + c", "(abs(re(z)) + abs(im(z))*i)^2 + c", "conj(z)^2 + c", "z*z + c + 0.1*z",
        "sqr(z) + c", "exp(z) + c", "z^2.5 + c", "z^-2 + c", "-z^2 + c", "z^2 + 0.3i + c", "z^(1/2) + c", "Z^2 + C", "1e-3*z + z^2 + c",
    ];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_Parse(string text)
    {
        var formula = Formula.Parse(text);
        Assert.Equal(text, formula.Text);
    }

    [Fact]
    public void Precedence_PowerBindsTighterThanMinus_AndIsRightAssociative()
    {
        var negated = Assert.IsType<NegateNode>(Formula.Parse("-z^2").Tree);
        Assert.IsType<PowerNode>(negated.Operand);
        var power = Assert.IsType<PowerNode>(Formula.Parse("z^2^3").Tree);
        Assert.IsType<PowerNode>(power.Exponent);
        var sum = Assert.IsType<BinaryNode>(Formula.Parse("z + c * 2").Tree);
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryNode>(sum.Right).Operator);
    }

    [Fact]
    public void Positions_AreOneBased_AtEachToken()
    {
        var sum = Assert.IsType<BinaryNode>(Formula.Parse("z^2 + c").Tree);
        Assert.Equal(5, sum.Position);
        Assert.Equal(2, sum.Left.Position);
        Assert.Equal(7, sum.Right.Position);
    }

    [Fact]
    public void ImaginaryLiterals_HaveAMinusZeroRealPart()
    {
        var literal = Assert.IsType<ConstantNode>(Formula.Parse("z + 0.3i").Tree is BinaryNode b ? b.Right : null);
        Assert.False(literal.IsReal);
        Assert.Equal(0.3, literal.Im);
        Assert.True(double.IsNegative(literal.Re));
    }

    public static TheoryData<string, string, string> BadFormulas() => new()
    {
        { "", "", "empty" },
        { "   ", "", "empty" },
        { "z^2 + * c", "at position 7 (z^2 + [*] c)", "expected an operand" },
        { "(z^2 + c", "at position 9 ((z^2 + c[])", "expected ')' to close the '(' at position 1" },
        { "z^2 + c)", "at position 8 (z^2 + c[)])", "closes no '('" },
        { "foo(z) + c", "at position 1 ([foo](z) + c)", "unknown name 'foo'; valid: variables z, c and the imaginary unit i; functions abs, re, im, conj, sqr, exp" },
        { "z^2 + x", "at position 7 (z^2 + [x])", "unknown name 'x'" },
        { "c^2 + 1", "", "does not use z" },
        { "z^65 + c", "at position 2 (z[^]65 + c)", "beyond the bound -64..64" },
        { "z^-100 + c", "at position 2 (z[^]-100 + c)", "beyond the bound" },
        { "z/0 + c", "at position 2 (z[/]0 + c)", "division by a constant zero" },
        { "z/(1 - 1) + c", "at position 2 (z[/](1 - 1) + c)", "division by a constant zero" },
        { "z^z + c", "at position 2 (z[^]z + c)", "must be a constant" },
        { "z^(1+i) + c", "at position 2 (z[^](1+i) + c)", "must be a real number" },
        { "2z + c", "at position 2 (2[z] + c)", "write 2*z" },
        { "abs z", "at position 5 (abs [z])", "expected '(' after the function abs" },
        { "z(2) + c", "at position 2 (z[(]2) + c)", "z is not a function" },
        { "z # c", "at position 3 (z [#] c)", "unexpected character '#'" },
        { "z c", "at position 3 (z [c])", "expected an operator" },
        { string.Concat(Enumerable.Repeat("z+", 100)) + "c", "", "at most 200" },
    };

    [Theory]
    [MemberData(nameof(BadFormulas))]
    public void BadFormula_IsOneInvalidRequestOnFormula_NamingThePosition(string text, string where, string what)
    {
        var error = Assert.Throws<MandelPSException>(() => Formula.Parse(text));
        Assert.Equal((ErrorKind.InvalidRequest, "Formula"), (error.Kind, error.Parameter));
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1e7)]
    public void EscapeRadius_OutsideItsRange_IsRefused(double radius)
    {
        var error = Assert.Throws<MandelPSException>(() => Formula.Parse("z^2 + c", radius));
        Assert.Equal((ErrorKind.InvalidRequest, "EscapeRadius"), (error.Kind, error.Parameter));
    }

    [Theory]
    [InlineData("z^2 + c", 2, true)]
    [InlineData(" Z^2+C ", 2, true)]
    [InlineData("z*z + c", 2, false)]
    [InlineData("z^2 + c", 3, false)]
    public void IsDefault_OnlyForTheMandelbrotIteration(string text, double radius, bool isDefault) =>
        Assert.Equal(isDefault, Formula.Parse(text, radius).IsDefault);
}
