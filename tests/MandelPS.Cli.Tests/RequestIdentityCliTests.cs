using System.Diagnostics;
using MandelPS.Engine.Workers;

namespace MandelPS.Cli.Tests;

/// <summary>
/// The request's one identity as `mandelps` users meet it: a short image renders into every target, an
/// option no chosen kernel uses is refused by its --name (one some use is a warning naming the rest),
/// saved sets compare row for row with every unmatched row named, and a failing or missing worker is
/// its own error kind with its exit code.
/// </summary>
public sealed class RequestIdentityCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-identity-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliAppTests.Run(args);

    public static TheoryData<string, string> ShortImages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kernel in new[] { "Expanded", "Simd", "ParallelSimd", "Parallel", "VectorBlocked" })
        foreach (var extension in new[] { "png", "ppm", "pgm", "pbm", "mtile" })
        {
            data.Add(kernel, extension);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShortImages))]
    public void AShortImage_RendersIntoEveryTarget(string kernel, string extension)
    {
        var path = Path.Combine(_folder, $"short.{extension}");
        string[] tile = extension == "mtile" ? ["--tile", "2/3"] : [];
        var (exit, text, error) = Run(["render", "-k", kernel, "-w", "8", "--height", "3", "-i", "50", "-o", path, "--format", "csv", .. tile]);
        Assert.True(exit == 0, error);
        Assert.True(new FileInfo(path).Length > 0);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(kernel, lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), "Kernel")]);
    }

    [Fact]
    public void AnOptionNoChosenKernelUses_IsRefusedByItsName()
    {
        var (exit, _, error) = Run("measure", "-k", "Simd", "--block-size", "64", "-w", "8", "--height", "8", "--runs", "1");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("mandelps: error: --block-size: Simd does not use it; it applies to VectorBlocked", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionSomeKernelsUse_GoesToThem_WithAWarningNamingTheOthers()
    {
        var (exit, text, error) = Run("measure", "-k", "Simd", "-k", "VectorBlocked", "--block-size", "64", "-w", "8", "--height", "8", "-i", "20", "--runs", "1", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Contains("mandelps: warning: --block-size applies to VectorBlocked only; Simd runs without it.", error, StringComparison.Ordinal);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var block = Array.IndexOf(rows[0].Split(','), "BlockSize");
        Assert.Equal(["", "64"], rows.Skip(1).Select(r => CsvCells(r)[block]));
    }

    [Fact]
    public void SavedSets_MatchRowForRow_AndNameEveryRowWithoutAPartner()
    {
        var sweep = Path.Combine(_folder, "sweep.csv");
        var fewer = Path.Combine(_folder, "fewer.csv");
        Assert.Equal(0, Run("measure", "-k", "VectorBlocked", "--block-size", "64", "--block-size", "1024", "--block-size", "8192", "-w", "32", "--height", "24", "-i", "80", "--runs", "6", "--min-run-time-ms", "0", "--format", "csv", "-o", sweep).Exit);
        Assert.Equal(0, Run("measure", "-k", "VectorBlocked", "--block-size", "64", "--block-size", "512", "-w", "32", "--height", "24", "-i", "80", "--runs", "6", "--min-run-time-ms", "0", "--format", "csv", "-o", fewer).Exit);

        var self = Run("compare", "--reference", sweep, "--difference", sweep, "--format", "csv");
        Assert.Equal(0, self.Exit);
        Assert.Equal("", self.Err);
        var rows = self.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        Assert.Equal(["64", "1024", "8192"], rows.Skip(1).Select(r => CsvCells(r)[Array.IndexOf(header, "BlockSize")]));
        Assert.All(rows.Skip(1), r => Assert.Equal("Same", CsvCells(r)[Array.IndexOf(header, "Verdict")]));

        var partial = Run("compare", "--reference", sweep, "--difference", fewer);
        Assert.Contains("block=512) has no row in the reference set", partial.Err, StringComparison.Ordinal);
        Assert.Contains("block=1024) has no row in the difference set", partial.Err, StringComparison.Ordinal);
        Assert.Contains("block=8192) has no row in the difference set", partial.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkerThatFails_IsAWorkerFailedError_WithItsExitCode_AndItsMessage()
    {
        using var failing = WorkerPools.ForThisFlow(new WorkerProcesses("/bin/sh", ["-c", "cat > /dev/null; echo 'boom: no such thing' >&2; exit 3"]));
        var (exit, _, error) = Run("render", "-k", "MultiProcess", "--threads", "2", "-w", "8", "--height", "4");
        Assert.Equal(ExitCodes.WorkerFailed, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("mandelps: error: --kernel: a MultiProcess worker for rows 0..1 exited with 3: boom: no such thing.", line);
    }

    [Fact]
    public void AWorkerThatAnswersGarbage_IsAWorkerFailedError()
    {
        using var garbage = WorkerPools.ForThisFlow(new WorkerProcesses("/bin/sh", ["-c", "cat > /dev/null; echo garbage"]));
        var (exit, _, error) = Run("render", "-k", "MultiProcess", "-w", "8", "--height", "4");
        Assert.Equal(ExitCodes.WorkerFailed, exit);
        Assert.Contains("answered what is not its tile", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingWorker_MakesMultiProcessUnavailable_WithWhere()
    {
        using var missing = WorkerPools.ForThisFlow(WorkerProcesses.ForCli(Path.Combine(_folder, "nowhere", "MandelPS.Cli.dll")));
        var (exit, _, error) = Run("render", "-k", "MultiProcess", "-w", "8", "--height", "4");
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("nowhere", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkerOfAnotherProtocol_RefusesTheOrder_WithItsExitCode()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "MandelPS.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("worker");
        using var worker = Process.Start(start)!;
        worker.StandardInput.Write("""{"Protocol":99,"Request":{"Width":8,"Height":4},"FirstRow":0,"Rows":4}""");
        worker.StandardInput.Close();
        var error = worker.StandardError.ReadToEnd();
        worker.WaitForExit();
        Assert.Equal(ExitCodes.WorkerFailed, worker.ExitCode);
        Assert.Contains($"the order speaks worker protocol 99; this worker speaks {WorkerOrder.CurrentProtocol}", error, StringComparison.Ordinal);
    }

    private static string[] CsvCells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line.TrimEnd('\r'))
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
