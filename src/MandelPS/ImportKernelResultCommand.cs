using System.Management.Automation;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Measurement;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Reads saved result rows back as typed objects: Measure-Kernel or Compare-Kernel rows from a .csv (Export-Csv, mandelps --format csv) or .json (ConvertTo-Json, mandelps --format json).</para>
/// <para type="description">Import-Csv gives every column as text, so Sort-Object MedianMs sorts "10" before "9"; Import-KernelResult gives the rows their types back (numbers, nulls for empty cells), checked as Compare-Kernel checks saved sets: a file that is not a set of result rows is an error naming the file, the row and the column. Files with comparison columns (Baseline, BaselineSamplesMs) come back as comparison rows, others as measurements. The rows pipe into Measure-Kernel (each re-measures exactly its saved request), Compare-Kernel and Export-KernelReport.</para>
/// </summary>
/// <example>
/// <code>Import-KernelResult sweep.csv | Sort-Object MedianMs | Select-Object -First 3</code>
/// <para>The three fastest rows of a saved sweep, sorted as numbers.</para>
/// </example>
/// <example>
/// <code>Import-KernelResult sweep.csv | Measure-Kernel</code>
/// <para>Measures every saved request again, on this machine and build.</para>
/// </example>
/// <example>
/// <code>Compare-Kernel -ReferenceObject (Import-KernelResult main.json) -DifferenceObject (Import-KernelResult branch.json)</code>
/// <para>Two saved sets compared row by row, each row with the row of the same request.</para>
/// </example>
[Cmdlet(VerbsData.Import, "KernelResult", DefaultParameterSetName = PathSet)]
[OutputType(typeof(KernelMeasurement))]
[OutputType(typeof(KernelComparison))]
public sealed class ImportKernelResultCommand : MandelPSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The .csv or .json files to read; wildcards expand.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The files to read, taken exactly as typed (no wildcards).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            try
            {
                foreach (var file in ResolveExistingFiles(path, literal))
                {
                    WriteObject(SavedResultsReader.LoadAny(file, ParameterSetName), enumerateCollection: true);
                }
            }
            catch (MandelPSException e)
            {
                WriteError(ToErrorRecord(e, path));
            }
        }
    }
}
