using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Reports;

namespace MandelPS.Cli;

/// <summary>Where rows go: --format, --output (checked before any work), --force, and --report.</summary>
internal sealed class OutputOptions
{
    public Option<OutputFormat?> Format { get; } = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");

    public Option<string?> Output { get; } = Options.Text("--output", "Also write the rows to this file (in --format).", "-o");

    public Option<bool> Force { get; } = Options.Flag("--force", "Overwrite --output and --report if they exist.");

    public Option<string?> Report { get; } = Options.Text("--report", "Also write a report: .svg (chart), .html (charts and table) or .md (Markdown table).");

    public void AddTo(Command command, bool withReport)
    {
        command.Options.Add(Format);
        command.Options.Add(Output);
        command.Options.Add(Force);
        if (withReport)
        {
            command.Options.Add(Report);
        }
    }

    /// <summary>Refuses bad --output and --report paths before any work, so a typo costs milliseconds, not a measurement.</summary>
    public void CheckTargets(ParseResult parse)
    {
        if (parse.Given(Output) is { } output)
        {
            SafeFile.CheckTarget(output, parse.GetValue(Force), "Path");
        }

        if (parse.Given(Report) is { } report)
        {
            KernelReport.CheckTarget(report, parse.GetValue(Force), "Report");
        }
    }

    /// <summary>Rows to standard output, and to --output when given (written safely).</summary>
    public void Print<T>(ParseResult parse, TextWriter output, IReadOnlyList<T> rows, IReadOnlyList<string> tableColumns)
    {
        var format = parse.Given(Format) ?? OutputFormat.Table;
        var columns = format is OutputFormat.Table or OutputFormat.Markdown ? tableColumns : null;
        RecordWriter.Write(output, rows, format, columns);
        if (parse.Given(Output) is { } path)
        {
            SafeFile.WriteText(path, parse.GetValue(Force), writer => RecordWriter.Write(writer, rows, format, columns));
        }
    }
}
