using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MandelPS.Engine.Kernels;

namespace MandelPS.Commands;

/// <summary>Tab completion of kernel names from the engine's registry, with its one wildcard matcher.</summary>
public sealed class KernelNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        KernelNameCompletion.Complete(wordToComplete).Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
