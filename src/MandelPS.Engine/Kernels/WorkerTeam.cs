using System.Collections.Concurrent;
using System.Diagnostics;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// The threads <see cref="RowScheduler"/>'s workers run on: kept by the process, grown to as many as a job
/// asks for, and spinning for a moment after each piece of work before they sleep, as OpenMP's threads do.
/// On the virtual machines here a sleeping thread on an idle core took 1.5-4.5 ms to wake (its virtual CPU
/// halted): the thread pool's worker started that late in about one render in five of a measurement's
/// back-to-back runs of 42 ms, one core doing the work of two meanwhile. The renders of a measurement follow
/// each other within half a millisecond, so a thread still spinning takes the next at once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Its threads wait on the semaphore for the process's life; nothing could dispose of it safely.")]
internal sealed class WorkerTeam
{
    /// <summary>How long a thread that ran out of work keeps looking for more before it sleeps.</summary>
    internal static readonly TimeSpan Spin = TimeSpan.FromMilliseconds(2);

    private readonly ConcurrentQueue<Action> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _idle;    // threads waiting for work, spinning or asleep
    private int _started;

    /// <summary>The process's team, which every scheduled job shares.</summary>
    public static WorkerTeam Shared { get; } = new();

    /// <summary>Threads started so far (the team only grows: a job asks for as many as it has workers).</summary>
    internal int Threads => Volatile.Read(ref _started);

    /// <summary>Threads waiting for work now.</summary>
    internal int Idle => Volatile.Read(ref _idle);

    /// <summary>Runs <paramref name="work"/> on a thread of the team: an idle one, or a new one where none is idle.</summary>
    public void Queue(Action work)
    {
        _pending.Enqueue(work);
        if (Interlocked.Decrement(ref _idle) >= 0)
        {
            _signal.Release(); // one idle thread takes it
            return;
        }

        Interlocked.Increment(ref _idle);
        Interlocked.Increment(ref _started);
        new Thread(Serve) { IsBackground = true, Name = "MandelPS worker" }.Start();
    }

    /// <summary>A thread of the team: takes the work it was started for, then waits for more, for good.</summary>
    private void Serve()
    {
        while (true)
        {
            // Each Queue call either signals or starts a thread, after enqueuing: whoever it woke finds an item.
            _pending.TryDequeue(out var work);
            work!.Invoke();
            Interlocked.Increment(ref _idle);
            WaitForSignal();
        }
    }

    /// <summary>Takes a signal, spinning for up to <see cref="Spin"/> before it sleeps.</summary>
    private void WaitForSignal()
    {
        if (!SpinUntil(() => _signal.CurrentCount > 0 && _signal.Wait(0)))
        {
            _signal.Wait();
        }
    }

    /// <summary>
    /// Spins until <paramref name="condition"/> holds or <see cref="Spin"/> has passed, yielding to any other
    /// thread that wants the core but never sleeping (SpinWait.SpinUntil sleeps a millisecond at a time, and a
    /// sleeping thread's core halts); false if the time ran out.
    /// </summary>
    internal static bool SpinUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (clock.Elapsed >= Spin)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }
}
