using MandelPS.Engine.Kernels;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The row scheduler's caller works too, and never waits for a worker its queue has not started: a busy
/// thread pool must not hold a render or its Ctrl+C. A queue stands in for the pool, holding work back.
/// </summary>
public sealed class RowSchedulerTests
{
    [Fact]
    public void EveryRowIsSolvedOnce_WhenTheQueueNeverStartsTheOtherWorkers()
    {
        var held = new List<Action>();
        var solved = new int[100];
        var started = 0;
        RowScheduler.Run(100, 4, () => Interlocked.Increment(ref started), (row, _) => solved[row]++, _ => { }, held.Add, CancellationToken.None);

        Assert.All(solved, n => Assert.Equal(1, n));
        Assert.Equal(1, started);
        Assert.Equal(3, held.Count);

        // Run late, the held workers find themselves skipped: they start no state and solve nothing.
        held.ForEach(work => work());
        Assert.Equal(1, started);
        Assert.All(solved, n => Assert.Equal(1, n));
    }

    [Fact]
    public void TheCallerWaitsForAWorkerThatStarted_AndEachWorkerFinishesItsOwnState()
    {
        var solved = new int[200];
        var finished = 0;
        RowScheduler.Run(200, 2, () => new List<int>(), (row, mine) => { mine.Add(row); Interlocked.Increment(ref solved[row]); Thread.Sleep(1); },
            mine => Interlocked.Add(ref finished, mine.Count), work => new Thread(() => work()).Start(), CancellationToken.None);

        Assert.All(solved, n => Assert.Equal(1, n));
        Assert.Equal(200, finished); // every worker's finish ran, and Run returned only after it
    }

    [Fact]
    public void Cancelling_StopsPromptly_WithAnOperationCanceledException_EvenWithWorkersHeldBack()
    {
        using var cancel = new CancellationTokenSource();
        var held = new List<Action>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            RowScheduler.Run(1_000_000, 2, () => 0, (row, _) => { if (row == 10) { cancel.Cancel(); } }, _ => { }, held.Add, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AWorkersRealError_IsRethrownOnTheCaller_AheadOfTheCancellationItCaused()
    {
        using var cancel = new CancellationTokenSource();
        var caller = Environment.CurrentManagedThreadId;
        var error = Assert.Throws<InvalidOperationException>(() =>
            RowScheduler.Run(1000, 2, () => 0, (row, _) =>
            {
                if (Environment.CurrentManagedThreadId != caller && row > 0)
                {
                    cancel.Cancel();
                    throw new InvalidOperationException("row " + row);
                }

                Thread.Sleep(1);
            }, _ => { }, work => new Thread(() => work()).Start(), cancel.Token));
        Assert.StartsWith("row ", error.Message, StringComparison.Ordinal);
    }
}
