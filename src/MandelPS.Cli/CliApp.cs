using System.CommandLine;
using MandelPS.Engine.Errors;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps`: the module's verbs for shells without pwsh. Parsing and printing only; every decision is
/// the engine's. Every failure is one line on standard error naming the option as typed, and a
/// documented exit code (<see cref="ExitCodes"/>); full help only when asked for.
/// </summary>
public static class CliApp
{
    /// <summary>The verbs; long work stops when <paramref name="cancellation"/> is cancelled (Ctrl+C in <see cref="Run"/>).</summary>
    public static RootCommand BuildRoot(TextWriter output, TextWriter error, CancellationToken cancellation = default) =>
        new("MandelPS: the Mandelbrot escape-time kernel lab (the same verbs as the PowerShell module).")
        {
            KernelsCommand.Create(output),
            DevicesCommand.Create(output),
            RenderCommand.Create(output, cancellation),
            MeasureCommand.Create(output, error, cancellation),
            CompareCommand.Create(output, error, cancellation),
            CostMapCommand.Create(output, cancellation),
            MergeCommand.Create(output, cancellation),
            WorkerCommand.Create(cancellation),
            CodeCommand.Create(output),
        };

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parse = BuildRoot(output, error, cancellation).Parse(args);
        var verb = parse.CommandResult.Command is RootCommand ? "" : " " + parse.CommandResult.Command.Name;
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"mandelps: error: {parse.Errors[0].Message.TrimEnd('.')}. See 'mandelps{verb} --help'.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // Ctrl+C is the caller's token (Program), not System.CommandLine's: its handler is off.
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (MandelPSException e)
        {
            error.WriteLine($"mandelps: error: {e.MessageFor(OptionNames.Spell)}{(e.Kind == ErrorKind.InvalidRequest ? $" See 'mandelps{verb} --help'." : "")}");
            return ExitCodes.For(e.Kind);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("mandelps: cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not bad input: still one line, never a stack trace.
            error.WriteLine($"mandelps: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Per-kernel errors from planning (unknown or unavailable kernels): all printed, none run.</summary>
    internal static void ThrowFirst(IReadOnlyList<MandelPSException> errors, TextWriter error)
    {
        for (var k = 1; k < errors.Count; k++)
        {
            error.WriteLine($"mandelps: error: {errors[k].MessageFor(OptionNames.Spell)}");
        }

        if (errors.Count > 0)
        {
            throw errors[0];
        }
    }
}
