namespace MandelPS.Engine.Devices;

/// <summary>
/// One compute device a GPU kernel can run on, as Get-KernelDevice and `mandelps devices` show it:
/// flat scalars, with the reason when it cannot be used. Discovery never throws; a backend that cannot
/// start (no driver, no library) is one row that says why.
/// </summary>
public sealed class DeviceInfo
{
    /// <summary>Position in the device list: what -Device accepts besides a name pattern.</summary>
    public int Index { get; init; }

    /// <summary>Short name unique in the list (cpu, cuda0, pocl0, nvidia0): what -Device matches first.</summary>
    public string Id { get; init; } = "";

    /// <summary>ILGPU (runs GpuArrayOps, GpuElementwise, GpuGridStride) or OpenCL (runs GpuSource).</summary>
    public string Backend { get; init; } = "";

    /// <summary>The device's own name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Gpu, Cpu or Other.</summary>
    public string Type { get; init; } = "";

    /// <summary>The platform or driver that provides the device (Cuda, OpenCL platform name, ILGPU CPU accelerator).</summary>
    public string Platform { get; init; } = "";

    public int ComputeUnits { get; init; }

    public long MemoryMB { get; init; }

    /// <summary>The largest single buffer the device allows; larger images run in bands.</summary>
    public long MaxAllocationMB { get; init; }

    /// <summary>True if the device computes in double precision (fp64).</summary>
    public bool SupportsDouble { get; init; }

    /// <summary>Driver and API version as the device reports them.</summary>
    public string Version { get; init; } = "";

    public bool IsUsable { get; init; }

    /// <summary>Why the device cannot be used; empty when it can.</summary>
    public string Reason { get; init; } = "";
}
