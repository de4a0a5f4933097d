using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Problem;

namespace MandelPS.Cli;

/// <summary>`mandelps code`: the code each Formula strategy runs (Get-KernelCode): tree, residual code, IL, vector IL, generated OpenCL C; or a GPU kernel's device code (--kernel).</summary>
internal static class CodeCommand
{
    public static Command Create(TextWriter output)
    {
        var formula = Options.Text("--formula", "f", $"The iteration to list, e.g. 'z^3 + c' (default '{Formula.DefaultText}').");
        var kernel = Options.Text("--kernel", "name", "A GPU kernel whose device code to show instead of a formula's (GpuElementwise, GpuSource, ...).", "-k");
        var stage = Options.Enums<CodeStage>("--stage", "Which code to show (repeatable; default residual, or every stage of --kernel): tree, residual, il, vector, gpu for a formula; ptx, opencl for a kernel", "-s");
        var escapeRadius = Options.Double("--escape-radius", "|z| beyond which an orbit escapes (default 2).");
        var precision = Options.Enum<Precision>("--precision", "The precision the code computes in (default double)");
        var vectorWidth = Options.Enum<VectorWidth>("--vector-width", "The SIMD width of --stage vector; must be hardware-accelerated here (default auto, the widest)");
        var format = Options.Enum<OutputFormat>("--format", "Plain code (default), or rows as table, csv, json, ...", "-f");
        var command = new Command("code", "Show the code a Formula strategy runs (the parsed tree, the residual code, the IL, the vector IL, the generated OpenCL C), or a GPU kernel's PTX or OpenCL C.")
        {
            formula, kernel, stage, escapeRadius, precision, vectorWidth, format,
        };
        command.SetAction(parse =>
        {
            var rows = parse.Given(kernel) is { } named
                ? KernelStages(parse, named, formula, stage, precision)
                : (parse.Given(stage) ?? [CodeStage.Residual]).Select(s => KernelCode.For(
                    parse.Given(formula) ?? Formula.DefaultText, parse.Given(escapeRadius) ?? Formula.DefaultEscapeRadius, s,
                    parse.Given(precision) ?? Precision.Double, parse.Given(vectorWidth) ?? VectorWidth.Auto)).ToList();
            if (parse.Given(format) is { } chosen)
            {
                RecordWriter.Write(output, rows, chosen, null);
                return ExitCodes.Ok;
            }

            foreach (var row in rows)
            {
                var of = row.Formula.Length > 0 ? $" of '{row.Formula}'" : "";
                output.WriteLine($"; {row.Kernel}: {row.Stage}{of} ({row.Precision}{(row.VectorWidth == VectorWidth.None ? "" : ", " + row.VectorWidth)})");
                output.WriteLine(row.Code);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<KernelCode> KernelStages(ParseResult parse, string kernel, Option<string?> formula, Option<CodeStage[]> stage, Option<Precision?> precision)
    {
        if (parse.Given(formula) is not null)
        {
            throw Engine.Errors.MandelPSException.Invalid("Kernel", "shows a GPU kernel's device code; a formula's code is asked for without it");
        }

        return (parse.Given(stage) ?? KernelCode.DefaultStages(kernel)).Select(s => KernelCode.ForKernel(kernel, s, parse.Given(precision) ?? Precision.Double)).ToList();
    }
}
