using MandelPS.Engine.Errors;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>Get-KernelCode's listings: each stage shows what its strategy runs.</summary>
public sealed class KernelCodeTests
{
    [Fact]
    public void Tree_ListsEveryNode_WithItsPosition()
    {
        var code = KernelCode.For("z^3 + c", 2, CodeStage.Tree, Precision.Double);
        Assert.Equal("FormulaInterpreted", code.Kernel);
        Assert.Equal(["+    @5", "  ^    @2", "    z    @1", "    3    @3", "  c    @7"], code.Code.Split(Environment.NewLine));
    }

    [Fact]
    public void Residual_OfZCubed_HasOnlyArithmetic()
    {
        var code = KernelCode.For("z^3 + c", 2, CodeStage.Residual, Precision.Double);
        Assert.DoesNotContain("pow", code.Code, StringComparison.Ordinal);
        Assert.Contains("r4 = zx * zx", code.Code, StringComparison.Ordinal);
        Assert.EndsWith("escape when zx*zx + zy*zy > 4", code.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Il_IsTheEmittedOpcodes_WithLibraryCallsOnlyWhereTheFormulaHasThem()
    {
        var cubed = KernelCode.For("z^3 + c", 2, CodeStage.IL, Precision.Double).Code;
        Assert.Contains(": mul", cubed, StringComparison.Ordinal);
        Assert.DoesNotContain(": call", cubed, StringComparison.Ordinal);
        var exp = KernelCode.For("exp(z) + c", 2, CodeStage.IL, Precision.Single).Code;
        Assert.Contains("call Single.Exp(Single)", exp, StringComparison.Ordinal);
        Assert.Contains("ldc.r4", exp, StringComparison.Ordinal);
    }

    [Fact]
    public void Vector_IsForTheWidestAcceleratedWidth_ByDefault()
    {
        if (AcceleratedWidths.All.Count == 0)
        {
            return;
        }

        var code = KernelCode.For("conj(z)^2 + c", 2, CodeStage.Vector, Precision.Double);
        Assert.Equal(AcceleratedWidths.Widest, code.VectorWidth);
        Assert.Contains("CountWhere", code.Code, StringComparison.Ordinal);
        Assert.Equal(code.Code.Split('\n').Length, code.Lines);
    }

    [Fact]
    public void ABadFormula_IsTheParsersError()
    {
        var error = Assert.Throws<MandelPSException>(() => KernelCode.For("z^2 + ", 2, CodeStage.Residual, Precision.Double));
        Assert.Equal("Formula", error.Parameter);
    }
}
