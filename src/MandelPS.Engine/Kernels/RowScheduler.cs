using System.Runtime.ExceptionServices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Hands rows to worker threads one at a time from a shared counter. Rows through the set's interior
/// cost up to MaxIterations per pixel and rows outside it almost nothing, so a static split of the
/// image leaves cores idle; pulling the next free row keeps every core busy until the last row.
/// </summary>
internal static class RowScheduler
{
    public static void Run(int rows, int threads, Action<int> solveRow, CancellationToken cancellation) =>
        Run<object?>(rows, threads, () => null, (row, _) => solveRow(row), _ => { }, cancellation);

    /// <summary>
    /// The same with state of each worker's own (e.g. a private histogram): made by <paramref name="start"/>
    /// on the worker, passed to every row it solves, and handed to <paramref name="finish"/> when it is done.
    /// </summary>
    public static void Run<TState>(int rows, int threads, Func<TState> start, Action<int, TState> solveRow, Action<TState> finish, CancellationToken cancellation) =>
        Run(rows, threads, start, solveRow, finish, WorkerTeam.Shared.Queue, cancellation);

    /// <summary>The same with the other workers started by <paramref name="queue"/> (tests stand in for a busy pool).</summary>
    internal static void Run<TState>(int rows, int threads, Func<TState> start, Action<int, TState> solveRow, Action<TState> finish, Action<Action> queue, CancellationToken cancellation)
    {
        var workers = Math.Max(1, Math.Min(threads, rows));
        var next = -1;
        var failures = new ExceptionDispatchInfo?[workers];
        var states = new int[workers]; // Queued, Running, Skipped or Finished
        var gate = new object();

        void Work(int worker)
        {
            try
            {
                var state = start();
                int row;
                while ((row = Interlocked.Increment(ref next)) < rows)
                {
                    cancellation.ThrowIfCancellationRequested();
                    solveRow(row, state);
                }

                finish(state);
            }
#pragma warning disable CA1031 // every failure is rethrown on the caller's thread below
            catch (Exception e)
#pragma warning restore CA1031
            {
                Volatile.Write(ref next, rows); // the other workers take no further row
                failures[worker] = ExceptionDispatchInfo.Capture(e);
            }
        }

        for (var w = 1; w < workers; w++)
        {
            var worker = w;
            queue(() =>
            {
                if (Interlocked.CompareExchange(ref states[worker], Running, Queued) != Queued)
                {
                    return; // the caller finished without it
                }

                Work(worker);
                lock (gate)
                {
                    states[worker] = Finished;
                    Monitor.PulseAll(gate);
                }
            });
        }

        // The caller is a worker too. A worker not started by the time the caller runs out of rows (or is
        // cancelled) is skipped, not waited for: a busy queue must not hold the render, or its Ctrl+C, until it
        // frees a thread (seen with the thread pool: a cancelled render taking 10-21 s to stop under a loaded
        // test run, its second worker queued behind other work; the team starts a thread where none is idle).
        Work(0);
        AwaitWithoutSleeping(states);
        lock (gate)
        {
            for (var w = 1; w < workers; w++)
            {
                if (Interlocked.CompareExchange(ref states[w], Skipped, Queued) == Queued)
                {
                    continue;
                }

                while (states[w] != Finished)
                {
                    Monitor.Wait(gate);
                }
            }
        }

        // A real error before a cancellation it may have caused in another worker.
        (Array.Find(failures, f => f is not null && f.SourceException is not OperationCanceledException) ?? Array.Find(failures, f => f is not null))?.Throw();
    }

    /// <summary>
    /// Spins for up to <see cref="WorkerTeam.Spin"/> while started workers finish their last rows (they run out of
    /// rows together): a caller asleep in Monitor.Wait took up to 3 ms to wake on these virtual machines, a
    /// render's tenth. A queued worker is left for the caller to skip.
    /// </summary>
    private static void AwaitWithoutSleeping(int[] states) =>
        WorkerTeam.SpinUntil(() => Array.IndexOf(states, Running, 1) < 0); // each call reads the states afresh

    private const int Queued = 0;
    private const int Running = 1;
    private const int Skipped = 2;
    private const int Finished = 3;
}
