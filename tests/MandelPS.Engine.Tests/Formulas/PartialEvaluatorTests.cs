using MandelPS.Engine.Formulas;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>
/// What the partial evaluator leaves: constants folded, exact identities dropped, constant integer
/// powers multiplied out, complex arithmetic expanded into real operations, nothing unused.
/// </summary>
public sealed class PartialEvaluatorTests
{
    private static ResidualProgram Residual(string formula) => ResidualBuilder<double>.Build(Formula.Parse(formula));

    private static IEnumerable<ResidualOp> Ops(string formula) => Residual(formula).Instructions.Select(i => i.Op);

    [Fact]
    public void ZSquaredPlusC_IsExpandedsArithmetic_InstructionForInstruction()
    {
        var program = Residual("z^2 + c");
        Assert.Equal(
            ["r4 = zx * zx", "r5 = zy * zy", "r6 = r4 - r5", "r7 = zx * zy", "r8 = r7 + r7", "r9 = cx + r6", "r10 = cy + r8"],
            program.Instructions.Select(i => i.ToString()));
        Assert.Empty(program.Constants);
        Assert.Equal((9, 10, 4.0), (program.NextZx, program.NextZy, program.EscapeRadiusSquared));
    }

    [Fact]
    public void ConstantIntegerPowers_BecomeMultiplications_WithNoPowCall()
    {
        foreach (var formula in new[] { "z^3 + c", "z^5 - z + c", "z^8 + c", "z^-2 + c" })
        {
            Assert.DoesNotContain(ResidualOp.Pow, Ops(formula));
            Assert.Contains(ResidualOp.Multiply, Ops(formula));
        }

        // Square and multiply: z^8 is three squarings (3 complex products, 3 real multiplies each after sharing).
        Assert.True(Ops("z^8 + c").Count(op => op == ResidualOp.Multiply) <= 9);
        Assert.Contains(ResidualOp.Divide, Ops("z^-2 + c"));
    }

    [Fact]
    public void ARealExponent_StaysAPowCall()
    {
        Assert.Contains(ResidualOp.Pow, Ops("z^2.5 + c"));
        Assert.Contains(ResidualOp.Atan2, Ops("z^2.5 + c"));
    }

    [Theory]
    [InlineData("z*1 + c")]
    [InlineData("1*z + c")]
    [InlineData("z/1 + c")]
    [InlineData("z + c - 0")]
    [InlineData("--z + c")]
    [InlineData("z*(3 - 2) + c")]
    [InlineData("z^1 + c")]
    public void ExactIdentities_AreFolded_ToTheCodeOfZPlusC(string formula) =>
        Assert.Equal(Residual("z + c").Listing().Split('\n')[1..], Residual(formula).Listing().Split('\n')[1..]);

    [Fact]
    public void ZeroTimesZ_IsNotDropped_BecauseItIsNotExact()
    {
        // 0 * inf is NaN, and 0 * -x is -0: dropping it would change bits.
        Assert.Contains(ResidualOp.Multiply, Ops("0*z + z + c"));
    }

    [Fact]
    public void StaticSubtrees_FoldToOneConstant()
    {
        var program = Residual("z^2 + (1 + 2)*(2^3)*c");
        Assert.Equal([24.0], program.Constants);
    }

    [Fact]
    public void ARealConstant_TouchesOnlyTheParts_ItMust()
    {
        // 0.1*z is two real products, not a full complex product with zero parts.
        var multiplies = Ops("0.1*z + c").Count(op => op == ResidualOp.Multiply);
        Assert.Equal(2, multiplies);
    }

    [Fact]
    public void SqrAndTheSquare_GiveTheSameCode()
    {
        Assert.Equal(Residual("z^2 + c").Instructions, Residual("sqr(z) + c").Instructions);
        Assert.Equal(Residual("z^2 + c").Instructions, Residual("z*z + c").Instructions);
    }

    [Fact]
    public void UnusedParts_AreRemoved()
    {
        // re(z^2) needs zx*zx - zy*zy only: the imaginary part's products are gone.
        Assert.Equal(3 + 1, Residual("re(z^2) + c").Instructions.Count);
    }

    [Fact]
    public void SinglePrecision_FoldsInSingle()
    {
        var program = ResidualBuilder<float>.Build(Formula.Parse("z^2 + 0.1*c"));
        Assert.Equal([(double)0.1f], program.Constants);
    }

    [Fact]
    public void TheRewriter_UnrollsPowers_AsMultiplicationsSharingTheSquare()
    {
        var tree = StaticRewriter<double>.Rewrite(Formula.Parse("z^4 + c").Tree);
        var square = Assert.IsType<BinaryNode>(Assert.IsType<BinaryNode>(tree).Left);
        Assert.Equal(BinaryOperator.Multiply, square.Operator);
        Assert.Same(square.Left, square.Right);
    }
}
