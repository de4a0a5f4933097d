namespace MandelPS.Engine.Kernels;

/// <summary>
/// A part of one kernel run that a kernel times on its own, so a result can say where the time went:
/// a GPU run is compile (first use only), upload, compute and download; a multi-process run is spawn,
/// transfer and compute. CPU kernels report none (their whole run is compute).
/// </summary>
public enum KernelPhase
{
    /// <summary>Turning source, a formula or IL into runnable code; paid on first use in the process, cached afterwards.</summary>
    Compile,

    /// <summary>Copying inputs to the device.</summary>
    Upload,

    /// <summary>The escape-time work itself, by the device's clock where it has one.</summary>
    Compute,

    /// <summary>Copying counts back from the device.</summary>
    Download,

    /// <summary>Starting worker processes.</summary>
    Spawn,

    /// <summary>Moving requests and counts between processes.</summary>
    Transfer,
}
