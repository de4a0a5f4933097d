using MandelPS.Engine;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Tests.Kernels;

namespace MandelPS.Gpu.Tests;

/// <summary>
/// FormulaGpu on pocl: generated OpenCL C for each formula equals the CPU strategies bit for bit where
/// the residual code is arithmetic only (z^2 + c equals Expanded); with a library call it is not
/// claimed exact and its loss stays small. Where pocl is not installed these cases are not generated.
/// </summary>
public sealed class FormulaGpuTests
{
    public static readonly string[] ExactFormulas =
        ["z^2 + c", "z^3 + c", "(abs(re(z)) + abs(im(z))*i)^2 + c", "conj(z)^2 + c", "z^5 - z + c", "z*z + c + 0.1*z", "z^2/(z+1) + c", "-z^2 + c"];

    public static TheoryData<string, string, Precision> ExactCases()
    {
        var data = new TheoryData<string, string, Precision>();
        if (!GpuDevices.HasPocl)
        {
            return data;
        }

        foreach (var formula in ExactFormulas)
        foreach (var scenario in new[] { "Tutorial", "DeepZoom", "SevenByThirteen", "Outside" })
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            data.Add(formula, scenario, precision);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void FormulaGpu_EqualsTheCpuStrategies(string formula, string scenario, Precision precision)
    {
        var request = Scenarios.Get(scenario) with { Precision = precision, Formula = formula };
        var reference = ReferenceCache.For(request, Formula.Parse(formula).IsDefault ? RenderRequest.DefaultKernel : "FormulaSpecialized");

        var gpu = MandelbrotEngine.Render(request with { Kernel = "FormulaGpu", Options = new KernelOptions { Device = "pocl0" } });

        Assert.True(gpu.Plan.IsExact);
        Assert.Equal(reference.Counts, gpu.Counts);
    }

    [Fact]
    public void LibraryCalls_AreNotClaimedExact_AndTheirLossIsSmall()
    {
        if (!GpuDevices.HasPocl)
        {
            return; // CI installs pocl, where this runs
        }

        var request = Scenarios.Tutorial with { Formula = "exp(z) + c", EscapeRadius = 10 };
        var reference = ReferenceCache.For(request, "FormulaSpecialized");

        var gpu = MandelbrotEngine.Render(request with { Kernel = "FormulaGpu", Options = new KernelOptions { Device = "pocl0" } });

        Assert.False(gpu.Plan.IsExact);
        // exp differs from .NET's by an ulp at most here; an orbit can then leave a few iterations early or late.
        var differing = reference.Counts.Zip(gpu.Counts).Count(p => p.First != p.Second);
        Assert.True(differing <= reference.Counts.Length / 100, $"{differing} of {reference.Counts.Length} pixels differ");
    }

    [Fact]
    public void FormulaGpu_WithoutADevice_IsUnavailable_AndAFormulaErrorStaysAFormulaError()
    {
        var unavailable = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(new RenderRequest { Kernel = "FormulaGpu", Width = 8, Height = 8, Formula = "z^3 + c" }));
        var bad = Assert.Throws<MandelPSException>(() => MandelbrotEngine.Render(new RenderRequest { Kernel = "FormulaGpu", Width = 8, Height = 8, Formula = "z^3 + ", Options = new KernelOptions { Device = "pocl*" } }));

        Assert.Equal(ErrorKind.KernelUnavailable, unavailable.Kind);
        Assert.Equal((ErrorKind.InvalidRequest, "Formula"), (bad.Kind, bad.Parameter));
    }

    [Theory]
    [InlineData("GpuElementwise", CodeStage.Ptx, ".entry")]
    [InlineData("GpuGridStride", CodeStage.OpenCL, "kernel void")]
    [InlineData("GpuSource", CodeStage.OpenCL, "FP_CONTRACT OFF")]
    [InlineData("FormulaGpu", CodeStage.OpenCL, "generated from the residual code")]
    public void KernelCode_ListsAGpuKernelsDeviceCode(string kernel, CodeStage stage, string expected)
    {
        var code = KernelCode.ForKernel(kernel, stage, Precision.Double);

        Assert.Equal((kernel, stage), (code.Kernel, code.Stage));
        Assert.Contains(expected, code.Code, StringComparison.Ordinal);
        Assert.Equal(KernelCode.DefaultStages(kernel).Count, ((MandelPS.Engine.Kernels.IListsDeviceCode)MandelPS.Engine.Kernels.KernelRegistry.Get(kernel)).CodeStages.Count);
    }

    [Theory]
    [InlineData("Simd", CodeStage.OpenCL, "Kernel", "has no device code to list")]
    [InlineData("GpuSource", CodeStage.Ptx, "Stage", "GpuSource lists OpenCL, not Ptx")]
    public void KernelCode_RefusesWhatAKernelCannotList(string kernel, CodeStage stage, string parameter, string message)
    {
        var error = Assert.Throws<MandelPSException>(() => KernelCode.ForKernel(kernel, stage, Precision.Double));

        Assert.Equal((ErrorKind.InvalidRequest, parameter), (error.Kind, error.Parameter));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
