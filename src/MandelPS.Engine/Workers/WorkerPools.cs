namespace MandelPS.Engine.Workers;

/// <summary>
/// The worker pool the engine's hosts registered: the CLI registers itself when it starts, the module
/// the CLI installed beside it when it is imported. Without one, the MultiProcess kernel is unavailable
/// and says why.
/// </summary>
public static class WorkerPools
{
    private static readonly AsyncLocal<IWorkerPool?> Scoped = new();

    private static IWorkerPool? _current;

    /// <summary>The pool of this flow of work (<see cref="ForThisFlow"/>), else the registered one, or null when no host registered one.</summary>
    public static IWorkerPool? Current => Scoped.Value ?? Volatile.Read(ref _current);

    /// <summary>Registers <paramref name="pool"/> for every later run in this process (a host calls this once, at start).</summary>
    public static void Use(IWorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Volatile.Write(ref _current, pool);
    }

    /// <summary>Why workers cannot run here, or null when they can.</summary>
    public static string? Unavailable => Current is { } pool
        ? pool.Unavailable
        : "no host registered a worker pool (the mandelps CLI and the MandelPS module do; an engine used alone has none)";

    /// <summary>
    /// Uses <paramref name="pool"/> for the work started from this flow (this call and what it awaits) until
    /// the returned scope is disposed, leaving every other caller's pool alone.
    /// </summary>
    public static IDisposable ForThisFlow(IWorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var before = Scoped.Value;
        Scoped.Value = pool;
        return new Scope(before);
    }

    private sealed class Scope(IWorkerPool? before) : IDisposable
    {
        public void Dispose() => Scoped.Value = before;
    }
}
