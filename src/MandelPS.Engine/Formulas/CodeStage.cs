namespace MandelPS.Engine.Formulas;

/// <summary>
/// A stage of code Get-KernelCode / `mandelps code` can show. Each stage is what one strategy runs;
/// backends that generate device code add their stages here.
/// </summary>
public enum CodeStage
{
    /// <summary>The parsed formula, as FormulaInterpreted walks it.</summary>
    Tree,

    /// <summary>The partial evaluator's residual code, as FormulaSpecialized runs it.</summary>
    Residual,

    /// <summary>The IL FormulaCompiled emits from the residual code.</summary>
    IL,

    /// <summary>The vector IL FormulaVectorized emits from the residual code.</summary>
    Vector,

    /// <summary>The OpenCL C FormulaGpu generates from the residual code and a device's driver builds.</summary>
    Gpu,

    /// <summary>A GPU kernel's PTX, as ILGPU generates it for NVIDIA GPUs (with -Kernel).</summary>
    Ptx,

    /// <summary>A GPU kernel's OpenCL C: ILGPU's generated source, or GpuSource's own (with -Kernel).</summary>
    OpenCL,
}
