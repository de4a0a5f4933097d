using System.Diagnostics;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;
using MandelPS.Engine.Workers;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// MultiProcess — the tutorial's multiprocessing: the rows are split into one chunk per process (as
/// evenly as whole rows allow), each computed by a child worker process running the Simd kernel on one
/// core, and the chunks merged. A chunk travels as in the worker protocol: the order (request and rows)
/// goes in on standard input, the counts come back as a tile with a checksum on standard output. The
/// host starts the processes (<see cref="WorkerPools"/>: the CLI starts itself); a worker that cannot
/// start, fails or answers garbage is a WorkerFailed error naming its rows. Teaches: processes cost a
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

    public override IReadOnlyList<KernelOption> Options { get; } = [KernelOption.Threads()];

    public override KernelAvailability Availability =>
        WorkerPools.Unavailable is { } reason ? KernelAvailability.Unavailable(reason) : KernelAvailability.Available;

    public override void Compute<T>(KernelJob<T> job)
    {
        var plan = job.Plan;
        var pool = WorkerPools.Current ?? throw new MandelPSException(ErrorKind.WorkerFailed, "Kernel", $"{Name} cannot start workers: {WorkerPools.Unavailable}", Name);
        var processes = Math.Max(1, Math.Min(job.Threads, job.Height));
        // The child solves the same problem with Simd: the request's problem, none of this kernel's options.
        var request = plan.Request with { Kernel = ChildKernel, Options = Problem.KernelOptions.Default };
        var children = new List<(RowBand Chunk, IWorkerProcess Worker, Task<byte[]> Tile, DateTime StartedUtc)>();
        var clock = Stopwatch.StartNew();
        // Ctrl+C kills every child started so far; one started after that is killed as it is added.
        using var kill = job.Cancellation.Register(() =>
        {
            lock (children)
            {
                children.ForEach(c => c.Worker.Kill());
            }
        });
        try
        {
            for (var i = 0; i < processes; i++)
            {
                job.Cancellation.ThrowIfCancellationRequested();
                var chunk = RowBand.Tile(job.Height, i, processes);
                var startedUtc = DateTime.UtcNow;
                var worker = Start(pool, chunk);
                lock (children)
                {
                    // Every child's answer is read as it comes, so all of them compute at once.
                    children.Add((chunk, worker, ReadAll(worker.Output), startedUtc));
                    if (job.Cancellation.IsCancellationRequested)
                    {
                        worker.Kill();
                    }
                }

                var order = new WorkerOrder { Request = request, FirstRow = plan.Band.First + chunk.First, Rows = chunk.Count };
                try
                {
                    worker.Input.Write(order.ToJson());
                    worker.Input.Close();
                }
                catch (IOException) when (job.Cancellation.IsCancellationRequested)
                {
                    // Killed while its order was on the way: the cancellation below says so.
                }
                catch (IOException)
                {
                    // It exited before reading its order: its exit code and message say why, below.
                }
            }

            // The children run at once: the slowest to reach its kernel is the spawn (process starts and the
            // runtime's start-up, timed on this machine's one clock), the slowest kernel the compute, and the
            // rest of the wall time is moving requests and counts through the pipes.
            var spawnTime = TimeSpan.Zero;
            var compute = TimeSpan.Zero;
            foreach (var (chunk, worker, answer, startedUtc) in children)
            {
                var tile = answer.GetAwaiter().GetResult();
                var exitCode = worker.WaitForExit();
                job.Cancellation.ThrowIfCancellationRequested();
                if (exitCode != 0)
                {
                    throw Failed(chunk, $"exited with {WorkerExit.Describe(exitCode, worker.Errors.GetAwaiter().GetResult())}");
                }

                TileHeader header;
                int[] counts;
                try
                {
                    (header, counts) = TileFile.Read(tile, $"worker {chunk}");
                }
                catch (MandelPSException e) when (e.Kind == ErrorKind.BadSavedResults)
                {
                    throw Failed(chunk, $"answered what is not its tile ({e.Problem})");
                }

                if (header.Band != new RowBand(plan.Band.First + chunk.First, chunk.Count) || counts.Length != chunk.Count * job.Width)
                {
                    throw Failed(chunk, $"answered {header.Band} of {header.Width} columns instead");
                }

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
                child.Worker.Kill();
                child.Worker.Dispose();
            }
        }
    }

    private static IWorkerProcess Start(IWorkerPool pool, RowBand chunk)
    {
        try
        {
            return pool.Start(WorkerMode.Rows);
        }
        catch (Exception e) when (e is not MandelPSException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw Failed(chunk, $"could not start: {e.Message}");
        }
    }

    private static MandelPSException Failed(RowBand chunk, string problem) =>
        new(ErrorKind.WorkerFailed, "Kernel", $"a MultiProcess worker for {chunk} {problem}", "MultiProcess");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<byte[]> ReadAll(Stream output)
    {
        using var buffer = new MemoryStream();
        await output.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
