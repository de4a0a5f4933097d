using MandelPS.Engine.Kernels;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The team runs every piece of work once, off the caller's thread, on as many threads as pieces run at once,
/// and keeps its threads: a thread that finished one piece, spinning or asleep, takes the next.
/// </summary>
public sealed class WorkerTeamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void PiecesThatWaitForEachOther_EachGetAThreadOfTheirOwn()
    {
        var team = new WorkerTeam();
        using var together = new Barrier(3);
        using var done = new CountdownEvent(3);
        var threads = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var piece = i;
            team.Queue(() =>
            {
                threads[piece] = Environment.CurrentManagedThreadId;
                together.SignalAndWait(Patience); // only three threads at once get past this
                done.Signal();
            });
        }

        Assert.True(done.Wait(Patience));
        Assert.Equal(3, threads.Distinct().Count());
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
        Assert.Equal(3, team.Threads);
    }

    [Theory]
    [InlineData(0)]   // queued while the thread still spins
    [InlineData(100)] // queued after it went to sleep (the spin is 2 ms)
    public void AThreadThatFinished_TakesTheNextPiece(int pauseMs)
    {
        var team = new WorkerTeam();
        var first = RunOn(team);
        Thread.Sleep(pauseMs);
        var second = RunOn(team);

        Assert.Equal(first, second);
        Assert.Equal(1, team.Threads);
    }

    [Fact]
    public void ManyPiecesQueuedAtOnce_AreEachRunOnce()
    {
        var team = new WorkerTeam();
        var runs = new int[200];
        using var done = new CountdownEvent(runs.Length);
        for (var i = 0; i < runs.Length; i++)
        {
            var piece = i;
            team.Queue(() =>
            {
                Interlocked.Increment(ref runs[piece]);
                done.Signal();
            });
        }

        Assert.True(done.Wait(Patience));
        Assert.All(runs, n => Assert.Equal(1, n));
        Assert.InRange(team.Threads, 1, runs.Length);
    }

    /// <summary>Runs one piece on the team and returns the thread it ran on, once it has finished.</summary>
    private static int RunOn(WorkerTeam team)
    {
        using var done = new ManualResetEventSlim();
        var thread = 0;
        team.Queue(() =>
        {
            thread = Environment.CurrentManagedThreadId;
            done.Set();
        });
        Assert.True(done.Wait(Patience));
        Assert.True(SpinWait.SpinUntil(() => team.Idle == 1, Patience)); // the piece returned and its thread waits again
        return thread;
    }
}
