using System.Management.Automation;
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
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var matches = KernelRegistry.All.Where(k => wildcard.IsMatch(k.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(ToErrorRecord(new UnknownKernelException(pattern, KernelRegistry.Names), pattern));
            }

            foreach (var kernel in matches)
            {
                WriteObject(KernelInfo.From(kernel));
            }
        }
    }
}
