namespace MandelPS.Engine.Workers;

/// <summary>
/// Child processes that compute rows for the engine (the MultiProcess kernel), started by whoever hosts
/// the engine: the engine speaks the worker protocol (<see cref="WorkerOrder"/> in, a tile out) but never
/// finds or starts a program itself. The `mandelps` CLI implements this (it starts itself, or another
/// build of itself) and registers it, for itself and for the module, with <see cref="WorkerPools.Use"/>.
/// </summary>
public interface IWorkerPool
{
    /// <summary>Why no worker can be started here (no CLI beside the engine, no dotnet host); null when one can.</summary>
    string? Unavailable { get; }

    /// <summary>
    /// Starts one worker: for <see cref="WorkerMode.Rows"/> its order is written to <see cref="IWorkerProcess.Input"/>
    /// and its tile read from <see cref="IWorkerProcess.Output"/>; for <see cref="WorkerMode.Session"/> the two
    /// carry a conversation, one JSON line each way per call (<see cref="WorkerCall"/>, <see cref="WorkerAnswer"/>).
    /// </summary>
    IWorkerProcess Start(WorkerMode mode);
}

/// <summary>What a worker is started for.</summary>
public enum WorkerMode
{
    /// <summary>One order of rows in, one tile out (`mandelps worker`): the MultiProcess kernel's children.</summary>
    Rows,

    /// <summary>A measuring conversation (`mandelps worker --serve`): plans prepared, checked and sampled on request.</summary>
    Session,
}

/// <summary>One running worker: its pipes, its exit code, and a way to stop it.</summary>
public interface IWorkerProcess : IDisposable
{
    /// <summary>The worker's standard input.</summary>
    Stream Input { get; }

    /// <summary>The worker's standard output.</summary>
    Stream Output { get; }

    /// <summary>Everything the worker writes to standard error (its one-line error, if it fails).</summary>
    Task<string> Errors { get; }

    /// <summary>Waits for the worker to exit and returns its exit code.</summary>
    int WaitForExit();

    /// <summary>Stops the worker and its children, if it is still running.</summary>
    void Kill();
}
