using System.Reflection;
using System.Runtime.InteropServices;
using Silk.NET.Core.Contexts;
using Silk.NET.OpenCL;

namespace MandelPS.Gpu.OpenCl;

/// <summary>
/// The OpenCL loader library (the ICD loader, libOpenCL.so.1 on Linux). Both Silk.NET and ILGPU load it
/// through here: ILGPU imports the bare name "OpenCL", which resolves only where a -dev package put a
/// libOpenCL.so symlink, so without this resolver no OpenCL device would ever be listed and nothing
/// would say why. MANDELPS_OPENCL_LIBRARY names another file (a test points it at a missing one).
/// </summary>
internal static class OpenClLibrary
{
    public const string OverrideVariable = "MANDELPS_OPENCL_LIBRARY";

    private static readonly Lazy<(CL? Api, string? Failure)> Loaded = new(Load);
    private static int _resolverInstalled;

    /// <summary>The file name tried, in the platform's spelling.</summary>
    public static string FileName =>
        Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen ? chosen
        : OperatingSystem.IsWindows() ? "OpenCL.dll"
        : OperatingSystem.IsMacOS() ? "/System/Library/Frameworks/OpenCL.framework/OpenCL"
        : "libOpenCL.so.1";

    /// <summary>The API, or null with the reason (library missing or broken); never throws.</summary>
    public static CL? Api => Loaded.Value.Api;

    public static string? Failure => Loaded.Value.Failure;

    /// <summary>Makes ILGPU's "OpenCL" import find the same library; call before creating an ILGPU context.</summary>
    public static void ResolveForIlgpu(Assembly ilgpu)
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(ilgpu, (name, _, _) =>
            name == "OpenCL" && NativeLibrary.TryLoad(FileName, out var handle) ? handle : IntPtr.Zero);
    }

    private static (CL?, string?) Load()
    {
        try
        {
            var api = new CL(new DefaultNativeContext(FileName));
            unsafe
            {
                // A loader without a single platform still answers; a missing library fails right here.
                uint platforms;
                _ = api.GetPlatformIDs(0, null, &platforms);
            }

            return (api, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Missing file, a file that is no OpenCL loader (Silk.NET's SymbolLoadingException), a broken one: a reason, never a crash.
            return (null, $"the OpenCL library {FileName} could not be loaded ({FirstLine(e.Message)}); install an OpenCL driver (on Debian: ocl-icd-libopencl1 and a device's ICD such as pocl-opencl-icd)");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
