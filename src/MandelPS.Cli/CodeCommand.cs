using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>`mandelps code`: the code each Formula strategy runs (Get-KernelCode): tree, residual code, IL, vector IL.</summary>
internal static class CodeCommand
{
    public static Command Create(TextWriter output)
    {
        var formula = Options.Text("--formula", $"The iteration to list, e.g. 'z^3 + c' (default '{Formula.DefaultText}').");
        var stage = Options.Enums<CodeStage>("--stage", "Which code to show (repeatable; default residual)", "-s");
        var escapeRadius = Options.Double("--escape-radius", "|z| beyond which an orbit escapes (default 2).");
        var precision = Options.Enum<Precision>("--precision", "The precision the code computes in (default double)");
        var vectorWidth = Options.Enum<VectorWidth>("--vector-width", "The SIMD width of --stage vector; must be hardware-accelerated here (default auto, the widest)");
        var format = Options.Enum<OutputFormat>("--format", "Plain code (default), or rows as table, csv, json, ...", "-f");
        var command = new Command("code", "Show the code a Formula strategy runs: the parsed tree, the residual code, the IL or the vector IL.")
        {
            formula, stage, escapeRadius, precision, vectorWidth, format,
        };
        command.SetAction(parse =>
        {
            var rows = (parse.Given(stage) ?? [CodeStage.Residual]).Select(s => KernelCode.For(
                parse.Given(formula) ?? Formula.DefaultText, parse.Given(escapeRadius) ?? Formula.DefaultEscapeRadius, s,
                parse.Given(precision) ?? Precision.Double, parse.Given(vectorWidth) ?? VectorWidth.Auto)).ToList();
            if (parse.Given(format) is { } chosen)
            {
                RecordWriter.Write(output, rows, chosen, null);
                return ExitCodes.Ok;
            }

            foreach (var row in rows)
            {
                output.WriteLine($"; {row.Kernel}: {row.Stage} of '{row.Formula}' ({row.Precision}{(row.VectorWidth == VectorWidth.None ? "" : ", " + row.VectorWidth)})");
                output.WriteLine(row.Code);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
