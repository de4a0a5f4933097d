using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.OpenCL;
using MandelPS.Gpu.OpenCl;

namespace MandelPS.Gpu.Ilgpu;

/// <summary>
/// The process's one ILGPU context (CPU accelerator, CUDA and OpenCL GPUs) and its devices. Created on
/// first use; a context that fails to start leaves the reason instead of an exception.
/// </summary>
internal static class IlgpuRuntime
{
    private static readonly Lazy<(Context? Context, string? Failure)> Started = new(Start);

    public static Context? Context => Started.Value.Context;

    public static string? Failure => Started.Value.Failure;

    public static IReadOnlyList<Device> Devices => Context is { } context ? [.. context] : [];

    /// <summary>"Cpu", "Cuda" or "OpenCL".</summary>
    public static string Kind(Device device) => device.AcceleratorType switch
    {
        AcceleratorType.CPU => "Cpu",
        AcceleratorType.Cuda => "Cuda",
        _ => "OpenCL",
    };

    public static bool SupportsDouble(Device device) => device.Capabilities is not CLCapabilityContext cl || cl.Float64;

    /// <summary>Why CUDA lists no device: ILGPU says nothing when the driver library is absent.</summary>
    public static string CudaAbsence() =>
        NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1", out var handle)
            ? Free(handle, "the CUDA driver is installed but reports no device")
            : "no CUDA driver (libcuda) on this machine";

    private static string Free(nint handle, string text)
    {
        NativeLibrary.Free(handle);
        return text;
    }

    private static (Context?, string?) Start()
    {
        try
        {
            OpenClLibrary.ResolveForIlgpu(typeof(Context).Assembly);
            return (Context.Create(builder => builder.Default().Optimize(OptimizationLevel.O2)), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"ILGPU did not start: {e.Message.Split('\n')[0]}");
        }
    }
}
