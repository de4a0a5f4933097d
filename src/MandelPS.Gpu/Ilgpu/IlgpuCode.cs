using System.Reflection;
using System.Text;
using ILGPU.Backends;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using MandelPS.Engine.Errors;
using MandelPS.Gpu.Kernels;

namespace MandelPS.Gpu.Ilgpu;

/// <summary>
/// The device code ILGPU generates for a kernel, without any GPU: PTX for a chosen NVIDIA architecture
/// (sm_80, PTX ISA 8.0) and OpenCL C (2.0 with fp64), each from ILGPU's own backends.
/// </summary>
internal static class IlgpuCode
{
    private static readonly CudaArchitecture Architecture = new(8, 0);

    public static string Listing(IEnumerable<(MethodInfo Method, bool ExplicitlyGrouped)> methods, string stage)
    {
        if (IlgpuRuntime.Context is not { } context)
        {
            throw new MandelPSException(ErrorKind.KernelUnavailable, "Stage", IlgpuRuntime.Failure ?? "ILGPU did not start");
        }

        using Backend backend = stage.ToUpperInvariant() switch
        {
            "PTX" => new PTXBackend(context, new CudaCapabilityContext(Architecture), Architecture, CudaInstructionSet.ISA_80, null!),
            "OPENCL" => new CLBackend(context, new CLCapabilityContext(float16: false, float64: true, genericAddressSpace: true, int64_Atomics: false, subGroups: false), CLDeviceVendor.Other, CLCVersion.CL20),
            _ => throw MandelPSException.Invalid("Stage", $"'{stage}' is not a device-code stage of this kernel; allowed: Ptx, OpenCL", stage),
        };
        var text = new StringBuilder();
        foreach (var (method, grouped) in methods)
        {
            var compiled = backend.Compile(IlgpuKernel.EntryPoint(method, grouped), KernelSpecialization.Empty);
            text.Append("// ").Append(method.DeclaringType?.Name).Append('.').Append(method.Name)
                .Append('<').Append(method.GetGenericArguments()[0].Name).Append(">, ILGPU ").Append(stage).Append('\n');
            text.Append(compiled switch
            {
                PTXCompiledKernel ptx => ptx.PTXAssembly,
                CLCompiledKernel cl => cl.Source,
                _ => compiled.ToString(),
            }).Append('\n');
        }

        return text.ToString();
    }
}
