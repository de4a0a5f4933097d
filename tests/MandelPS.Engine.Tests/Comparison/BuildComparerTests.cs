using MandelPS.Cli;
using MandelPS.Engine.Comparison;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Workers;

namespace MandelPS.Engine.Tests.Comparison;

/// <summary>
/// Builds compared alternately, each in worker processes of its own: the same build against itself agrees
/// on the counts and names both builds; a baseline that speaks another protocol, dies, lacks the kernel or
/// computes other counts is refused or failed with its own error kind, never misread.
/// </summary>
public sealed class BuildComparerTests
{
    private static readonly MeasurementSettings Quick = MeasurementSettings.From(runs: 5, warmup: 0, minRunTimeMs: 0);

    private static IReadOnlyList<RenderPlan> Plans(params string[] kernels) =>
        new RequestSpec { Kernel = kernels, Width = [40], Height = [30], MaxIterations = [200] }.Plan().Plans;

    /// <summary>A worker that answers every call from a shell script: Hello with <paramref name="hello"/>, Prepare with <paramref name="prepare"/>.</summary>
    private static WorkerProcesses Fake(string hello, string prepare) => new("/bin/sh", ["-c", $$"""
        while read -r line; do
          case "$line" in
            *'"Op":"Hello"'*) echo '{{hello}}' ;;
            *'"Op":"Prepare"'*) echo '{{prepare}}' ;;
            *'"Op":"Sample"'*) echo '{"Ok":true,"WallMs":1,"CpuMs":1}' ;;
            *) echo '{"Ok":true}' ;;
          esac
        done
        """]);

    private static string Hello(int protocol) => $$$"""{"Ok":true,"Protocol":{{{protocol}}},"Build":{"Version":"9.9.9","Commit":"","EngineHash":"fake"}}""";

    [Fact]
    public void TheSameBuild_AgainstItself_AgreesOnTheCounts_AndNamesBothBuilds()
    {
        var rows = new BuildComparer(Quick, processes: 2).Compare(Plans("Simd", "Expanded"), WorkerProcesses.ForThisBuild(), WorkerProcesses.ForThisBuild()).ToList();

        Assert.Equal(["Simd", "Expanded"], rows.Select(r => r.Kernel));
        Assert.All(rows, r =>
        {
            Assert.Equal((ComparisonMethod.Builds, MeasurementStatus.Ok, true), (r.Method, r.Status, r.IsExact));
            Assert.Equal(BuildInfo.Current.ToString(), r.BaselineBuild);
            Assert.Equal(r.BaselineBuild, r.CandidateBuild);
            Assert.Equal(2 * 5, r.Runs); // two workers of each build, five samples each, pooled
            Assert.Equal(10, SampleText.Parse(r.CpuSamplesMs).Length);
            Assert.NotNull(r.CpuSpeedup);
            Assert.True(r.DetectableChange > r.Threshold);
        });
    }

    [Fact]
    public void ABaselineOfAnotherProtocol_IsRefused_BeforeAnyWork()
    {
        var error = Assert.Throws<MandelPSException>(() => new BuildComparer(Quick).Compare(Plans("Simd"), WorkerProcesses.ForThisBuild(), Fake(Hello(99), "")).ToList());
        Assert.Equal((ErrorKind.WorkerFailed, "BaselineBuild"), (error.Kind, error.Parameter));
        Assert.Contains($"speaks worker protocol 99; this build speaks {WorkerOrder.CurrentProtocol}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaselineThatLacksTheKernel_IsUnavailable_NamingTheBuild()
    {
        var lacking = Fake(Hello(WorkerOrder.CurrentProtocol), """{"Ok":false,"Kind":"UnknownKernel","Error":"Kernel: Simd is not a kernel."}""");
        var error = Assert.Throws<MandelPSException>(() => new BuildComparer(Quick, processes: 1).Compare(Plans("Simd"), WorkerProcesses.ForThisBuild(), lacking).ToList());
        Assert.Equal((ErrorKind.KernelUnavailable, "BaselineBuild"), (error.Kind, error.Parameter));
        Assert.Contains("the baseline build's worker 1 (9.9.9 (engine fake)) refused: Kernel: Simd is not a kernel.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaselineThatDies_IsAWorkerFailedError_WithWhatItSaid()
    {
        var dying = new WorkerProcesses("/bin/sh", ["-c", "echo 'mandelps: error: no such option --serve' >&2; exit 2"]);
        var error = Assert.Throws<MandelPSException>(() => new BuildComparer(Quick).Compare(Plans("Simd"), WorkerProcesses.ForThisBuild(), dying).ToList());
        Assert.Equal(ErrorKind.WorkerFailed, error.Kind);
        Assert.Contains("(exit 2: mandelps: error: no such option --serve)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaselineWhoseCountsDiffer_FailsTheRow()
    {
        var other = Fake(Hello(WorkerOrder.CurrentProtocol), """{"Ok":true,"CountsHash":"0000","Status":"Ok","WarmRunMs":1}""");
        var row = Assert.Single(new BuildComparer(Quick, processes: 1).Compare(Plans("Simd"), WorkerProcesses.ForThisBuild(), other));
        Assert.Equal((MeasurementStatus.Failed, false, Verdict.Inconclusive), (row.Status, row.IsExact, row.Verdict));
        Assert.Equal("the two builds' counts differ", row.VerdictReason);
        Assert.NotEmpty(RegressionGate.Failures([row], []));
    }
}
