using System.Management.Automation;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Benchmarks kernels after checking them against the reference: one flat row per kernel and parameter combination.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "Kernel", DefaultParameterSetName = KernelSet)]
[OutputType(typeof(KernelMeasurement))]
public sealed class MeasureKernelCommand : SweepParameters
{
    private const string KernelSet = "Kernel";
    private const string AllSet = "All";

    private readonly List<RenderRequest> _requests = [];

    /// <summary>Kernel names (pipe Get-Kernel or a CSV with a Kernel column).</summary>
    [Parameter(ParameterSetName = KernelSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(KernelNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[] Kernel { get; set; } = [RenderRequest.DefaultKernel];

    /// <summary>Every kernel available on this machine; unavailable ones are skipped with a warning.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        // Requests are collected and measured together at the end, so Speedup compares every kernel
        // piped in, not just the ones in one record. Bad records are reported now and skipped.
        if (All)
        {
            Plan(Spec([], all: true), All);
            return;
        }

        foreach (var name in Kernel)
        {
            Plan(Spec([name], all: false), name);
        }
    }

    protected override void EndProcessing()
    {
        if (_requests.Count == 0)
        {
            return;
        }

        try
        {
            var rows = RunWithProgress("Measure-Kernel", (stop, report) =>
                new KernelBenchmark(Settings) { OnProgress = p => report(p.Status, p.PercentComplete) }.Measure(_requests, stop));
            foreach (var row in rows)
            {
                if (row.Status != "Ok")
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"Kernel {row.Kernel} disagrees with the reference on {row.DifferingPixels} pixels; it was not timed."),
                        Engine.Shell.ErrorClassification.KernelFailedCheck, ErrorCategory.InvalidResult, row));
                }

                WriteObject(row);
            }
        }
        catch (Exception e) when (IsEngineError(e))
        {
            ThrowTerminatingError(ToErrorRecord(e, _requests));
        }
    }

    private void Plan(Engine.Planning.SweepSpec spec, object target)
    {
        try
        {
            var plan = spec.Expand();
            foreach (var skipped in plan.Skipped)
            {
                WriteWarning($"Skipping {skipped.Kernel}: {skipped.Reason}.");
            }

            _requests.AddRange(plan.Requests);
        }
        catch (Exception e) when (IsEngineError(e))
        {
            WriteError(ToErrorRecord(e, target));
        }
    }
}
