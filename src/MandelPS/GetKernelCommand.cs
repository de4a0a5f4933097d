using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Lists the kernels: technique, family, precisions, exactness and availability here.</para>
/// <para type="description">Lists the kernels of the technique ladder: what each demonstrates, its family, the precisions it computes in, whether it must equal the reference bit for bit, and whether it can run on this machine (with the reason if not). The objects pipe into Measure-Kernel, Compare-Kernel and Invoke-Mandelbrot by property name.</para>
/// </summary>
/// <example>
/// <code>Get-Kernel</code>
/// <para>Lists every kernel.</para>
/// </example>
/// <example>
/// <code>Get-Kernel *Simd* | Measure-Kernel</code>
/// <para>Measures every SIMD kernel.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "Kernel")]
[OutputType(typeof(KernelInfo))]
public sealed class GetKernelCommand : MandelPSCmdlet
{
    /// <summary>Kernel names or wildcard patterns; all kernels when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var pattern in Name ?? ["*"])
        {
            try
            {
                foreach (var kernel in KernelRegistry.Resolve(pattern))
                {
                    WriteObject(KernelInfo.From(kernel, Spelled));
                }
            }
            catch (MandelPSException e)
            {
                WriteError(ToErrorRecord(e, pattern));
            }
        }
    }
}
