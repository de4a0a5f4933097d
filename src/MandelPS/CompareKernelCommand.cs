using System.Management.Automation;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Measures kernels against a baseline on the same grid: speedup and precision loss side by side.</para>
/// </summary>
[Cmdlet(VerbsData.Compare, "Kernel")]
[OutputType(typeof(KernelComparison))]
public sealed class CompareKernelCommand : SweepParameters
{
    private readonly List<string> _kernels = [];

    /// <summary>Candidate kernel names (pipe Get-Kernel or Measure-Kernel rows).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[] Kernel { get; set; } = [];

    /// <summary>The kernel the candidates are compared with (default: Expanded, the reference).</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Baseline { get; set; } = RenderRequest.DefaultKernel;

    /// <summary>The baseline's precision (default Double), so Single candidates show their precision loss.</summary>
    [Parameter]
    public Precision BaselinePrecision { get; set; } = Engine.Problem.Precision.Double;

    protected override void ProcessRecord() => _kernels.AddRange(Kernel);

    protected override void EndProcessing()
    {
        try
        {
            var candidates = Spec(_kernels.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), all: false).Expand().Requests;
            var rows = RunWithProgress("Compare-Kernel", (stop, report) =>
            {
                var comparer = new KernelComparer(Settings) { OnProgress = (i, n, k) => report($"{i + 1}/{n}: {k} vs {Baseline}", 100 * i / n) };
                return candidates
                    .GroupBy(c => c with { Kernel = Baseline, Precision = BaselinePrecision, Options = KernelOptions.Default })
                    .SelectMany(g => comparer.Compare(g.Key, g.ToList(), stop))
                    .ToList();
            });
            WriteObject(rows, enumerateCollection: true);
        }
        catch (Exception e) when (IsEngineError(e))
        {
            ThrowTerminatingError(ToErrorRecord(e, Kernel));
        }
    }
}
