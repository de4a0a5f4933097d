using System.Diagnostics;

namespace MandelPS.Cli.Tests;

/// <summary>
/// Ctrl+C for real: a `mandelps` process writing a large PNG gets SIGINT while its temporary file exists,
/// and must exit 130 saying it was cancelled, leaving neither the image nor the temporary file.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandelps-sigint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sigint_DuringAnImageWrite_LeavesNoFile_AndExits130()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // POSIX signals only; Windows' Ctrl+C goes through the same token
        }

        var cli = Path.Combine(AppContext.BaseDirectory, "MandelPS.Cli.dll");
        // Like a terminal: SIGINT at its default disposition in the child, even when this test runner was
        // started with it ignored (background jobs of a non-interactive shell are), which children inherit.
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _folder };
        foreach (var argument in new[] { "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])", "dotnet", cli, "render", "-k", "ParallelSimd", "-w", "12000", "--height", "12000", "-i", "20", "-o", "big.png" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (Directory.GetFiles(_folder, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }).Length == 0)
        {
            Assert.False(process.HasExited, "the render ended before its temporary file appeared");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "no temporary file appeared");
            await Task.Delay(20);
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token); // a process that ignored SIGINT fails here
        Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
        Assert.Contains("cancelled", await stderr);
        Assert.Empty(Directory.GetFiles(_folder, "*", new EnumerationOptions { AttributesToSkip = 0 }));
    }
}
