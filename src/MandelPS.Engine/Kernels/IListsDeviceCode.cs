using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>A kernel whose device code can be shown (PTX, OpenCL C, ...), for Get-KernelCode and `mandelps code`.</summary>
public interface IListsDeviceCode
{
    /// <summary>The stages this kernel can list, e.g. Ptx and OpenCL.</summary>
    IReadOnlyList<string> CodeStages { get; }

    /// <summary>The device code of one stage in one precision; works without the device.</summary>
    string Code(string stage, Precision precision);
}
