using System.CommandLine;
using System.CommandLine.Help;
using MandelPS.Engine.Errors;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps`: the module's verbs for shells without pwsh. Parsing and printing only; every decision is
/// the engine's. Every failure is one line on standard error naming the option as typed, and a
/// documented exit code (<see cref="ExitCodes"/>); full help only when asked for.
/// </summary>
public static class CliApp
{
    /// <summary>Help is wrapped to this many columns, wherever it goes: a terminal, a pipe, a file.</summary>
    public const int HelpWidth = 100;

    /// <summary>
    /// The verbs; long work stops when <paramref name="cancellation"/> is cancelled (Ctrl+C in <see cref="Run"/>).
    /// With <paramref name="verb"/> one of them, the root holds that verb alone: building every verb's options
    /// costs each call ~5 ms, and nothing but the root's own help and errors looks at the others.
    /// </summary>
    public static Command BuildRoot(TextWriter output, TextWriter error, string? verb = null, CancellationToken cancellation = default)
    {
        // A plain command named as users type it (a RootCommand takes the name of the assembly that runs it).
        var help = new HelpOption();
        ((HelpAction)help.Action!).MaxWidth = HelpWidth;
        var root = new Command("mandelps", "MandelPS: the Mandelbrot escape-time kernel lab (the same verbs as the PowerShell module).")
        {
            help,
            new VersionOption(),
        };
        var verbs = Verbs(output, error, cancellation);
        var asked = Array.FindAll(verbs, v => v.Name == verb);
        foreach (var (_, create) in asked.Length == 1 ? asked : verbs)
        {
            root.Subcommands.Add(create());
        }

        return root;
    }

    /// <summary>Every verb by the name it is typed as, in the order the help lists them.</summary>
    internal static (string Name, Func<Command> Create)[] Verbs(TextWriter output, TextWriter error, CancellationToken cancellation) =>
    [
        ("kernels", () => KernelsCommand.Create(output)),
        ("devices", () => DevicesCommand.Create(output)),
        ("limit", () => LimitCommand.Create(output)),
        ("render", () => RenderCommand.Create(output, error, cancellation)),
        ("measure", () => MeasureCommand.Create(output, error, cancellation)),
        ("compare", () => CompareCommand.Create(output, error, cancellation)),
        ("costmap", () => CostMapCommand.Create(output, error, cancellation)),
        ("merge", () => MergeCommand.Create(output, cancellation)),
        ("worker", () => WorkerCommand.Create(cancellation)),
        ("code", () => CodeCommand.Create(output)),
    ];

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parse = BuildRoot(output, error, args.FirstOrDefault(), cancellation).Parse(args);
        var verb = parse.CommandResult.Command.Parents.Any() ? " " + parse.CommandResult.Command.Name : "";
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
            error.WriteLine($"mandelps: error: {e.MessageFor(OptionNames.Spell, Command)}{(e.Kind == ErrorKind.InvalidRequest ? $" See 'mandelps{verb} --help'." : "")}");
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

    /// <summary>
    /// Standard output for bytes (an image, a tile), buffered: an image is written a row or a band at a time,
    /// and each write straight to the console stream is a system call (a 16000-row PBM made 9,500 of them,
    /// tens of milliseconds on the thread that also computes rows).
    /// </summary>
    internal static Stream OpenStandardOutput() => new BufferedStream(Console.OpenStandardOutput(), 1 << 16);

    /// <summary>One warning on standard error, as every verb prints them, its parameters and commands spelled as the CLI spells them.</summary>
    internal static void Warn(TextWriter error, string warning) => error.WriteLine($"mandelps: warning: {Spelled(warning)}");

    /// <summary>Engine text with the parameters (--force) and commands (mandelps devices) it mentions spelled as the CLI spells them.</summary>
    internal static string Spelled(string text) => MandelPSException.Spelled(text, OptionNames.Spell, Command);

    private static string Command(string verb) => $"mandelps {verb}";

    /// <summary>A sweep's skipped kernels and passed-over options, as warnings.</summary>
    internal static void Warn(TextWriter error, Engine.Planning.SweepPlan sweep)
    {
        foreach (var skipped in sweep.Skipped)
        {
            Warn(error, $"skipping {skipped.Kernel}: {skipped.Reason}.");
        }

        foreach (var warning in sweep.Warnings)
        {
            Warn(error, warning);
        }
    }

    /// <summary>Per-kernel errors from planning (unknown or unavailable kernels): all printed, none run.</summary>
    internal static void ThrowFirst(IReadOnlyList<MandelPSException> errors, TextWriter error)
    {
        for (var k = 1; k < errors.Count; k++)
        {
            error.WriteLine($"mandelps: error: {errors[k].MessageFor(OptionNames.Spell, Command)}");
        }

        if (errors.Count > 0)
        {
            throw errors[0];
        }
    }
}
