using System.Globalization;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>The OpenCL C generated from residual code: exact constants, one statement per instruction, no contraction.</summary>
public sealed class OpenClSourceTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(-2.5)]
    [InlineData(4.0)]
    [InlineData(1e-310)]
    [InlineData(double.MaxValue)]
    [InlineData(-0.0)]
    public void Literal_HoldsExactlyTheValue(double value)
    {
        var literal = OpenClSource.Literal(value, Precision.Double);

        var back = ParseHex(literal);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
    }

    [Fact]
    public void SingleLiterals_AreFloatLiterals_OfTheFloatValue()
    {
        var literal = OpenClSource.Literal((float)0.1, Precision.Single);

        Assert.EndsWith("f", literal, StringComparison.Ordinal);
        Assert.Equal((float)0.1, (float)ParseHex(literal.TrimEnd('f')));
    }

    [Fact]
    public void Generate_WritesOneStatementPerInstruction_WithoutContraction_OrAPowerCall()
    {
        var program = Formula.Parse("z^3 + c").Residual(Precision.Double);

        var source = OpenClSource.Generate(program);

        Assert.Contains("#pragma OPENCL FP_CONTRACT OFF", source, StringComparison.Ordinal);
        Assert.Contains("cl_khr_fp64", source, StringComparison.Ordinal);
        Assert.DoesNotContain("pow(", source, StringComparison.Ordinal);
        Assert.Equal(program.Instructions.Count, source.Split('\n').Count(l => l.TrimStart().StartsWith("const real r", StringComparison.Ordinal) && !l.Contains("//", StringComparison.Ordinal)));
        Assert.True(OpenClSource.IsExact(program));
        Assert.Equal("", OpenClSource.BuildOptions(program));
    }

    [Fact]
    public void LibraryCalls_AreNotClaimedExact_AndSingleDivisionIsCorrectlyRounded()
    {
        Assert.False(OpenClSource.IsExact(Formula.Parse("exp(z) + c").Residual(Precision.Double)));
        Assert.Equal("-cl-fp32-correctly-rounded-divide-sqrt", OpenClSource.BuildOptions(Formula.Parse("z^2/(z+1) + c").Residual(Precision.Single)));
        Assert.DoesNotContain("cl_khr_fp64", OpenClSource.Generate(Formula.Parse("z^2 + c").Residual(Precision.Single)), StringComparison.Ordinal);
    }

    [Fact]
    public void KernelCode_ListsTheGpuStage_ForAFormula()
    {
        var code = KernelCode.For("conj(z)^2 + c", 2, CodeStage.Gpu, Precision.Single);

        Assert.Equal("FormulaGpu", code.Kernel);
        Assert.Contains("__kernel void escape", code.Code, StringComparison.Ordinal);
    }

    /// <summary>A C99 hex float ("-0x1.8p+1") as a double, to check the generator without an OpenCL compiler.</summary>
    private static double ParseHex(string literal)
    {
        var negative = literal.StartsWith('-');
        var body = literal.TrimStart('-')[2..];
        var p = body.IndexOf('p', StringComparison.Ordinal);
        var (mantissa, exponent) = (body[..p], int.Parse(body[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var fraction = dot < 0 ? 0 : mantissa.Length - dot - 1;
        var value = Math.ScaleB((double)System.Numerics.BigInteger.Parse("0" + digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture), exponent - (4 * fraction));
        return negative ? -value : value;
    }
}
