using MandelPS.Engine.Devices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Kernels that live in an assembly of their own (the GPU kernels and their native dependencies), so
/// loading the engine never loads a GPU runtime. The provider lists its kernels cheaply; devices are
/// discovered only when asked for.
/// </summary>
public interface IKernelProvider
{
    IReadOnlyList<Kernel> Kernels { get; }

    /// <summary>Every device the provider's backends can see, usable or not (with the reason); never throws.</summary>
    IReadOnlyList<DeviceInfo> Devices();
}
