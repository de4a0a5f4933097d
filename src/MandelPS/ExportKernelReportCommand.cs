using System.Management.Automation;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.IO;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Reports;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Writes a result set as a chart (.svg), a self-contained page with charts and table (.html), or a Markdown table (.md).</para>
/// </summary>
[Cmdlet(VerbsData.Export, "KernelReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportKernelReportCommand : MandelPSCmdlet
{
    private readonly List<KernelMeasurement> _measurements = [];
    private readonly List<KernelComparison> _comparisons = [];

    /// <summary>Measure-Kernel or Compare-Kernel rows (from the pipeline, or Import-Csv of a saved Measure-Kernel set).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The report file: .svg, .html or .md.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Overwrite the report if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also return the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

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
                _measurements.Add(SavedResults.FromFields(InputObject.Properties.Where(p => p.IsGettable)
                    .ToDictionary(p => p.Name, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase)));
                break;
        }
    }

    protected override void EndProcessing()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(full, "Write kernel report"))
        {
            return;
        }

        try
        {
            SafeFile.RefuseToOverwrite(full, Force);

            if (_comparisons.Count > 0)
            {
                KernelReport.Write(full, _comparisons, overwrite: Force);
            }
            else
            {
                KernelReport.Write(full, _measurements, overwrite: Force);
            }

            if (PassThru)
            {
                WriteObject(new FileInfo(full));
            }
        }
        catch (Exception e) when (IsEngineError(e))
        {
            ThrowTerminatingError(ToErrorRecord(e, full));
        }
    }
}
