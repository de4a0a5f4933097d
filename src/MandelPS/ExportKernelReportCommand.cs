using System.Globalization;
using System.Management.Automation;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Reports;
using MandelPS.Engine.Measurement;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Writes a result set as a chart (.svg), a self-contained page with charts and table (.html), or a Markdown table (.md).</para>
/// <para type="description">Writes Measure-Kernel or Compare-Kernel rows (live, or read back with Import-Csv) as a report: .svg is a chart (giga-iterations/s per kernel on a log axis, or speedup for comparisons; a sweep over one parameter becomes a line chart), .html a self-contained page with the charts and a table, .md a Markdown table for a README or pull request. The file is written through a temporary file; an existing report is only replaced with -Force.</para>
/// </summary>
/// <example>
/// <code>Measure-Kernel -All | Export-KernelReport ./kernels.html</code>
/// <para>One page with the ladder chart and its table.</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel ParallelSimd -Threads 1,2 -Width 1000 | Export-KernelReport ./threads.svg</code>
/// <para>A line chart of time against threads.</para>
/// </example>
/// <example>
/// <code>Import-Csv ./kernels.csv | Export-KernelReport ./kernels.md</code>
/// <para>A Markdown table from a saved result set.</para>
/// </example>
[Cmdlet(VerbsData.Export, "KernelReport", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportKernelReportCommand : MandelPSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<KernelMeasurement> _measurements = [];
    private readonly List<KernelComparison> _comparisons = [];
    private string _fullPath = "";

    /// <summary>Measure-Kernel or Compare-Kernel rows (from the pipeline, or Import-Csv of a saved Measure-Kernel set).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The report file: .svg, .html or .md.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The report file, taken exactly as typed (no wildcards).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "";

    /// <summary>Overwrite the report if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also return the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            var literal = ParameterSetName == LiteralPathSet;
            _fullPath = KernelReport.CheckTarget(ResolveNewFilePath(literal ? LiteralPath : Path, literal, ParameterSetName), Force, ParameterSetName);
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }

    protected override void ProcessRecord()
    {
        switch (InputObject?.BaseObject)
        {
            case KernelMeasurement row:
                _measurements.Add(row);
                break;
            case KernelComparison row:
                _comparisons.Add(row);
                break;
            case null:
                break;
            default:
                try
                {
                    _measurements.Add(SavedResultsReader.FromFields(InputObject.Properties.Where(p => p.IsGettable)
                        .ToDictionary(p => p.Name, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase),
                        nameof(InputObject), $"-InputObject ({InputObject.BaseObject.GetType().Name})"));
                }
                catch (MandelPSException e)
                {
                    WriteError(ToErrorRecord(e, InputObject));
                }

                break;
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            // A report of nothing is refused before -WhatIf is asked, so -WhatIf tells the truth about it.
            KernelReport.RequireRows(_comparisons.Count + _measurements.Count);
            if (!ShouldProcess(_fullPath, File.Exists(_fullPath) ? "Overwrite kernel report" : "Write kernel report"))
            {
                return;
            }

            if (_comparisons.Count > 0)
            {
                KernelReport.Write(_fullPath, _comparisons, overwrite: Force, ParameterSetName);
            }
            else
            {
                KernelReport.Write(_fullPath, _measurements, overwrite: Force, ParameterSetName);
            }

            if (PassThru)
            {
                WriteObject(new FileInfo(_fullPath));
            }
        }
        catch (MandelPSException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }
}
