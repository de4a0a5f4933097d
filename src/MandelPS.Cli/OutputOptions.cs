using System.CommandLine;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Reports;

namespace MandelPS.Cli;

/// <summary>Which of a row type's tables to print (the module's views: Format-Table -View).</summary>
internal enum TableView
{
    Default,
    Details,
    Loss,
}

/// <summary>Where rows go: --format, --view, --output (checked before any work), --force, and --report.</summary>
internal sealed class OutputOptions
{
    public Option<OutputFormat?> Format { get; } = Options.Enum<OutputFormat>("--format", "How rows are printed (default table)", "-f");

    public Option<TableView?> View { get; } = Options.Enum<TableView>("--view", "The table's columns: default (what a person needs, in 80 columns), details, or loss (precision loss)");

    public Option<string?> Output { get; } = Options.Text("--output", "file", "Also write the rows to this file (in --format).", "-o");

    public Option<bool> Force { get; } = Options.Flag("--force", "Overwrite --output and --report if they exist.");

    public Option<string?> Report { get; } = Options.Text("--report", "file", "Also write a report: .svg (chart), .html (charts and table) or .md (Markdown table).");

    public void AddTo(Command command, bool withReport)
    {
        command.Options.Add(Format);
        command.Options.Add(View);
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

    /// <summary>
    /// Rows to standard output, and to --output when given (written safely): a table or Markdown in the row
    /// type's layout (the view asked for, else <paramref name="view"/>), CSV and JSON with every column.
    /// </summary>
    public void Print<T>(ParseResult parse, TextWriter output, IReadOnlyList<T> rows, TableView view = TableView.Default, Func<T, string>? groupBy = null, string groupLabel = "")
    {
        var format = parse.Given(Format) ?? OutputFormat.Table;
        var layout = TableLayouts.For(typeof(T), (parse.Given(View) ?? view).ToString())
            ?? throw Engine.Errors.MandelPSException.Invalid("View", $"{typeof(T).Name} rows have the views {string.Join(", ", TableLayouts.ViewsOf(typeof(T)).Select(v => v.ToLowerInvariant()))}");
        void Write(TextWriter writer)
        {
            if (format is OutputFormat.Table or OutputFormat.Markdown)
            {
                RecordWriter.WriteTable(writer, rows, layout, format == OutputFormat.Markdown, groupBy, groupLabel);
            }
            else
            {
                RecordWriter.Write(writer, rows, format);
            }
        }

        Write(output);
        if (parse.Given(Output) is { } path)
        {
            SafeFile.WriteText(path, parse.GetValue(Force), Write);
        }
    }
}
