using System.CommandLine;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>
/// `mandelps`: the module's verbs for shells without pwsh. Parsing and printing only; every decision is
/// the engine's. Exit codes: 0 ok, 1 a kernel failed its correctness check, 2 bad input, 3 a regression
/// (compare --fail-on-regression), 130 cancelled.
/// </summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitKernelFailed = 1;
    public const int ExitBadInput = 2;
    public const int ExitRegression = 3;
    public const int ExitCancelled = 130;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("MandelPS: the Mandelbrot escape-time kernel lab (the same verbs as the PowerShell module).")
        {
            KernelsCommand.Create(output),
            RenderCommand.Create(output),
            MeasureCommand.Create(output, error),
            CompareCommand.Create(output, error),
            CostMapCommand.Create(output),
        };

        var parse = root.Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is RequestValidationException or UnknownKernelException or KernelUnavailableException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mandelps: error: {e.Message}");
            return ExitBadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("mandelps: cancelled.");
            return ExitCancelled;
        }
    }
}
