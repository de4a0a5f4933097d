namespace MandelPS.Cli.Tests;

/// <summary>
/// The regression gate from the command line: builds compared alternately (--baseline-build), measurements
/// spread over worker processes (--processes), the clock that decides (--clock), and the one-line errors
/// for a path that holds no build and for options that mean nothing without it.
/// </summary>
public sealed class GateCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliAppTests.Run(args);

    private static readonly string ThisBuild = AppContext.BaseDirectory;

    [Fact]
    public void BaselineBuild_ComparesTheBuildsAlternately_AndTheGateJudgesTheRow()
    {
        var (exit, text, error) = Run("compare", "-k", "Simd", "-w", "40", "--height", "30", "-i", "200", "--runs", "5", "--min-run-time-ms", "0",
            "--baseline-build", ThisBuild, "--processes", "1", "--format", "csv", "--fail-on-regression", "--allow-inconclusive");

        // Whether a build against itself reads as slower here is timing noise (five samples, one worker a build:
        // benchmarks/gate-reliability.sh measures how often); what must hold is that the gate judged the row.
        Assert.True(exit == ExitCodes.Ok || (exit == ExitCodes.FailedCheck && error.StartsWith("mandelps: regression gate: Simd on ", StringComparison.Ordinal)), error);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var cells = lines[1];
        Assert.Equal(2, lines.Length);
        Assert.Contains(",Builds,", cells, StringComparison.Ordinal);
        Assert.Contains("BaselineBuild", header);
        Assert.Contains("CpuSpeedup", header);
        Assert.Contains("DetectableChange", header);
    }

    [Fact]
    public void ABaselineBuildPathThatHoldsNoBuild_IsAUsageError_NamingTheOption()
    {
        var (exit, _, error) = Run("compare", "-k", "Simd", "--baseline-build", Path.Combine(ThisBuild, "nowhere"));
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("mandelps: error: --baseline-build: '", error, StringComparison.Ordinal);
        Assert.Contains("is not a MandelPS build", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABaselineBuildThatCannotRun_IsAWorkerFailedError()
    {
        var folder = Directory.CreateTempSubdirectory("mandelps-notabuild-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "MandelPS.Cli.dll"), "not an assembly");
            var (exit, _, error) = Run("compare", "-k", "Simd", "-w", "8", "--height", "8", "--baseline-build", folder);
            Assert.Equal(ExitCodes.WorkerFailed, exit);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("mandelps: error: --baseline-build: the baseline build's worker 1 ", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--baseline", "Expanded")]
    [InlineData("--baseline-precision", "single")]
    public void OptionsThatPickAnotherBaseline_AreRefusedWithABaselineBuild(string option, string value)
    {
        var (exit, _, error) = Run("compare", "-k", "Simd", option, value, "--baseline-build", ThisBuild);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains($"--baseline-build: {option} cannot be combined with it", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessesWithoutABaselineBuild_IsRefused()
    {
        var (exit, _, error) = Run("compare", "-k", "Simd", "--processes", "2");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("mandelps: error: --processes: not allowed without --baseline-build", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureInProcesses_SaysHowFarTheyDrift()
    {
        var (exit, text, error) = Run("measure", "-k", "Simd", "-w", "40", "--height", "30", "-i", "200", "--runs", "4", "--min-run-time-ms", "0", "--processes", "2", "--format", "json");
        Assert.True(exit == 0, error);
        var row = System.Text.Json.JsonDocument.Parse(text).RootElement[0];
        Assert.Equal(2, row.GetProperty("Processes").GetInt32());
        Assert.Equal(2, row.GetProperty("ProcessMediansMs").GetString()!.Split(';').Length);
        Assert.True(row.GetProperty("Drift").GetDouble() >= 0);
        Assert.Equal(8, row.GetProperty("SamplesMs").GetString()!.Split(';').Length);
    }

    [Fact]
    public void TheClock_IsAnOption_OfCompare()
    {
        var (exit, text, error) = Run("compare", "-k", "Simd", "-w", "20", "--height", "20", "-i", "100", "--runs", "5", "--min-run-time-ms", "0", "--clock", "cpu", "--format", "csv");
        Assert.True(exit == 0, error);
        Assert.Contains(",Cpu,", text, StringComparison.Ordinal);
    }
}
