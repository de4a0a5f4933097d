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
    public static void Run<TState>(int rows, int threads, Func<TState> start, Action<int, TState> solveRow, Action<TState> finish, CancellationToken cancellation)
    {
        var workers = Math.Max(1, Math.Min(threads, rows));
        var next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        Parallel.For(0, workers, options, _ =>
        {
            var state = start();
            int row;
            while ((row = Interlocked.Increment(ref next)) < rows)
            {
                cancellation.ThrowIfCancellationRequested();
                solveRow(row, state);
            }

            finish(state);
        });
    }
}
