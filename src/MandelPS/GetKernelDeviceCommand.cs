using System.Management.Automation;
using MandelPS.Engine.Devices;
using MandelPS.Engine.Kernels;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Lists the devices GPU kernels can run on, and why a device cannot be used.</para>
/// <para type="description">Every device ILGPU (CUDA, OpenCL GPUs, its CPU accelerator) and OpenCL (any platform, pocl included) can see, numbered in one list, with backend, type, compute units, memory, largest allocation, fp64 and version. A backend that finds nothing is one row that says why. -Device on Invoke-Mandelbrot, Measure-Kernel and Compare-Kernel takes an Index or an Id (wildcards allowed).</para>
/// </summary>
/// <example>
/// <code>Get-KernelDevice</code>
/// <para>Lists every device, usable or not, with the reason when not.</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel Gpu* -Device cpu -Width 200 -Height 200</code>
/// <para>Runs the ILGPU kernels on ILGPU's CPU accelerator on purpose (exact, slow: a correctness check without a GPU).</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel GpuSource, ParallelSimd -Device pocl* | Format-Table Kernel, Device, GIterPerSec, CompileMs, Phases</code>
/// <para>The OpenCL source kernel on pocl beside the fastest CPU kernel, with its compile, upload, compute and download times.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "KernelDevice")]
[OutputType(typeof(DeviceInfo))]
public sealed class GetKernelDeviceCommand : PSCmdlet
{
    /// <summary>Device ids or names to list (wildcards allowed); all devices when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    [Alias("Id")]
    public string[]? Name { get; set; }

    /// <summary>Only the devices that can be used.</summary>
    [Parameter]
    public SwitchParameter Usable { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var device in KernelProviders.Devices())
        {
            var named = Name is null || Name.Any(n => Wildcard.IsMatch(device.Id, n) || Wildcard.IsMatch(device.Name, n));
            if (named && (!Usable || device.IsUsable))
            {
                WriteObject(device);
            }
        }
    }
}
