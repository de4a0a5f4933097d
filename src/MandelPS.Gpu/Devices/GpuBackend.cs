namespace MandelPS.Gpu.Devices;

/// <summary>The two ways device code reaches a device here.</summary>
internal enum GpuBackend
{
    /// <summary>ILGPU: C# kernels compiled to PTX, OpenCL C or run on its CPU accelerator.</summary>
    Ilgpu,

    /// <summary>Hand-written (or generated) OpenCL C built by the driver at run time through Silk.NET.OpenCL.</summary>
    OpenCL,
}
