using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Lists the kernels: technique, family, precisions, exactness and availability here.</para>
/// </summary>
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
                    WriteObject(KernelInfo.From(kernel));
                }
            }
            catch (MandelPSException e)
            {
                WriteError(ToErrorRecord(e, pattern));
            }
        }
    }
}
