using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MandelPS.Engine.Kernels;

namespace MandelPS.Commands;

/// <summary>Tab completion of -Device from the devices this machine has (their short ids, the name as tooltip).</summary>
public sealed class DeviceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        KernelProviders.Devices()
            .Where(d => d.IsUsable && Wildcard.IsMatch(d.Id, (wordToComplete ?? "") + "*"))
            .Select(d => new CompletionResult(d.Id, d.Id, CompletionResultType.ParameterValue, $"{d.Backend}: {d.Name}"));
}
