using System.Collections;
using System.Management.Automation;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Compares kernels with a baseline: speedup with its confidence interval and a Faster/Same/Slower verdict, next to precision loss.</para>
/// </summary>
[Cmdlet(VerbsData.Compare, "Kernel", DefaultParameterSetName = LiveSet)]
[OutputType(typeof(KernelComparison))]
public sealed class CompareKernelCommand : SweepParameters
{
    private const string LiveSet = "Live";
    private const string SavedSet = "Saved";

    private readonly List<string> _kernels = [];

    /// <summary>Candidate kernel names (pipe Get-Kernel or Measure-Kernel rows).</summary>
    [Parameter(ParameterSetName = LiveSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[] Kernel { get; set; } = [];

    /// <summary>The kernel the candidates are compared with (default: Expanded, the reference).</summary>
    [Parameter(ParameterSetName = LiveSet, Position = 1)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Baseline { get; set; } = RenderRequest.DefaultKernel;

    /// <summary>The baseline's precision (default Double), so Single candidates show their precision loss.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    public Precision BaselinePrecision { get; set; } = Engine.Problem.Precision.Double;

    /// <summary>Saved results to compare against: Measure-Kernel rows, or Import-Csv / ConvertFrom-Json of them.</summary>
    [Parameter(ParameterSetName = SavedSet, Mandatory = true)]
    public PSObject[] ReferenceObject { get; set; } = [];

    /// <summary>The saved results compared with -ReferenceObject.</summary>
    [Parameter(ParameterSetName = SavedSet, Mandatory = true)]
    public PSObject[] DifferenceObject { get; set; } = [];

    /// <summary>Relative difference that counts (0.05 = 5%): smaller differences read as Same.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Threshold { get; set; } = SignificanceTest.DefaultThreshold;

    /// <summary>Significance level of the Mann-Whitney tests behind the verdict.</summary>
    [Parameter]
    [ValidateRange(0.0001, 0.4999)]
    public double Alpha { get; set; } = SignificanceTest.DefaultAlpha;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == LiveSet)
        {
            _kernels.AddRange(Kernel);
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            if (ParameterSetName == SavedSet)
            {
                var (rows, warnings) = ResultSetComparer.Compare(ToMeasurements(ReferenceObject), ToMeasurements(DifferenceObject), Threshold, Alpha);
                warnings.ToList().ForEach(WriteWarning);
                WriteObject(rows, enumerateCollection: true);
                return;
            }

            var candidates = Spec(_kernels.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), all: false).Expand().Requests;
            var live = RunWithProgress("Compare-Kernel", (stop, report) =>
            {
                var comparer = new KernelComparer(Settings, Threshold, Alpha) { OnProgress = p => report(p.Status, p.PercentComplete) };
                return comparer.CompareWithBaseline(candidates, Baseline, BaselinePrecision, stop);
            });
            WriteObject(live, enumerateCollection: true);
        }
        catch (Exception e) when (IsEngineError(e))
        {
            ThrowTerminatingError(ToErrorRecord(e, ParameterSetName == SavedSet ? DifferenceObject : Kernel));
        }
    }

    /// <summary>Measure-Kernel rows as they are; anything else (Import-Csv, JSON) by its properties' text.</summary>
    private static List<KernelMeasurement> ToMeasurements(IEnumerable<PSObject> objects) =>
        objects.Where(o => o is not null).Select(o => o.BaseObject is KernelMeasurement row
            ? row
            : SavedResults.FromFields(o.Properties.Where(p => p.IsGettable).ToDictionary(
                p => p.Name, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase))).ToList();
}
