using System.Diagnostics;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// MultiProcess — the tutorial's multiprocessing: the rows are split into one chunk per process (as
/// evenly as whole rows allow), each computed by a child `mandelps worker` process running the Simd
/// kernel on one core, and the chunks merged. A chunk travels as a tile: the request and its rows go in
/// on standard input, the counts with a checksum come back on standard output. Teaches: processes cost a
/// start-up and a copy of every count, so they pay only when the work dwarfs both; the phases say how much.
/// Scalar equivalent: <see cref="ExpandedKernel"/> per pixel (through Simd). Exact. Honours <c>Threads</c> (processes).
/// </summary>
public sealed class MultiProcessKernel : Kernel
{
    /// <summary>What each child runs: exact, one core, the widest SIMD accelerated there.</summary>
    public const string ChildKernel = "Simd";

    public override string Name => "MultiProcess";

    public override string Technique => "rows in chunks, each computed by a child process of the mandelps CLI, merged";

    public override KernelFamily Family => KernelFamily.Parallel;

    public override bool IsExact => true;

    public override bool UsesThreads => true;

    public override KernelAvailability Availability =>
        CliLocator.Reason is { } reason ? KernelAvailability.Unavailable(reason) : KernelAvailability.Available;

    public override void Compute<T>(KernelJob<T> job)
    {
        var plan = job.Plan;
        var processes = Math.Max(1, Math.Min(job.Threads, job.Height));
        var request = plan.Request with { Kernel = ChildKernel, Options = plan.Request.Options with { Threads = null } };
        var children = new List<(RowBand Chunk, Process Process, Task<byte[]> Output, Task<string> Errors, DateTime StartedUtc)>();
        var clock = Stopwatch.StartNew();
        // Ctrl+C kills every child started so far; one started after that is killed as it is added.
        using var kill = job.Cancellation.Register(() =>
        {
            lock (children)
            {
                children.ForEach(c => TryKill(c.Process));
            }
        });
        try
        {
            for (var i = 0; i < processes; i++)
            {
                job.Cancellation.ThrowIfCancellationRequested();
                var chunk = RowBand.Tile(job.Height, i, processes);
                var startedUtc = DateTime.UtcNow;
                var process = Start();
                lock (children)
                {
                    children.Add((chunk, process, ReadAll(process.StandardOutput.BaseStream), process.StandardError.ReadToEndAsync(), startedUtc));
                    if (job.Cancellation.IsCancellationRequested)
                    {
                        TryKill(process);
                    }
                }

                var order = new TileHeader
                {
                    Request = request,
                    TileIndex = -1,
                    FirstRow = plan.Band.First + chunk.First,
                    Rows = chunk.Count,
                    Width = plan.Width,
                    Height = plan.FullHeight,
                    MaxIterations = plan.MaxIterations,
                };
                try
                {
                    process.StandardInput.BaseStream.Write(order.ToJson());
                    process.StandardInput.Close();
                }
                catch (IOException) when (job.Cancellation.IsCancellationRequested)
                {
                    // Killed while its order was on the way: the cancellation below says so.
                }
            }

            // The children run at once: the slowest to reach its kernel is the spawn (process starts and the
            // runtime's start-up, timed on this machine's one clock), the slowest kernel the compute, and the
            // rest of the wall time is moving requests and counts through the pipes.
            var spawnTime = TimeSpan.Zero;
            var compute = TimeSpan.Zero;
            foreach (var (chunk, process, output, errors, startedUtc) in children)
            {
                var tile = output.GetAwaiter().GetResult();
                process.WaitForExit();
                job.Cancellation.ThrowIfCancellationRequested();
                errors.Wait(job.Cancellation);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"mandelps worker for {chunk} exited with {process.ExitCode}: {errors.GetAwaiter().GetResult().Trim()}");
                }

                var (header, counts) = TileFile.Read(tile, $"worker {chunk}");
                counts.CopyTo(job.Counts.AsSpan(chunk.First * job.Width));
                spawnTime = Max(spawnTime, header.KernelStartedUtc - startedUtc);
                compute = Max(compute, TimeSpan.FromMilliseconds(header.ElapsedMs));
            }

            job.Phases.Record(KernelPhase.Spawn, spawnTime);
            job.Phases.Record(KernelPhase.Compute, compute);
            job.Phases.Record(KernelPhase.Transfer, Max(TimeSpan.Zero, clock.Elapsed - spawnTime - compute));
        }
        finally
        {
            foreach (var child in children)
            {
                TryKill(child.Process);
                child.Process.Dispose();
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static Process Start()
    {
        var start = new ProcessStartInfo(CliLocator.Dotnet!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliLocator.Cli!);
        start.ArgumentList.Add("worker");
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {CliLocator.Cli}");
    }

    private static async Task<byte[]> ReadAll(Stream output)
    {
        using var buffer = new MemoryStream();
        await output.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited (or never started) between the check and the kill.
        }
    }
}
