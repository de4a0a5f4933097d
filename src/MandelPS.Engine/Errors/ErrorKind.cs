namespace MandelPS.Engine.Errors;

/// <summary>
/// What went wrong, in the terms a host needs to react: the cmdlets map a kind to an ErrorCategory and a
/// stable error id, the CLI to an exit code. Every failure the engine expects has exactly one kind.
/// </summary>
public enum ErrorKind
{
    /// <summary>A value outside its allowed range, or options that contradict each other.</summary>
    InvalidRequest,

    /// <summary>A kernel name (or pattern) that matches no kernel.</summary>
    UnknownKernel,

    /// <summary>A kernel, precision or vector width this machine cannot run; the message says why.</summary>
    KernelUnavailable,

    /// <summary>A file would be overwritten without permission (-Force / --force).</summary>
    FileExists,

    /// <summary>Writing a file failed (missing folder, a folder in the way, no space, no permission).</summary>
    WriteFailed,

    /// <summary>An exact kernel disagreed with the reference, or a regression gate failed.</summary>
    FailedCheck,

    /// <summary>A saved result set that cannot be read as one (wrong shape, missing columns, bad values).</summary>
    BadSavedResults,

    /// <summary>A device or its runtime failed (a native status, device code that did not build); the message names the call and the status or carries the build log.</summary>
    DeviceFailed,

    /// <summary>A worker process (MultiProcess's children, another build's worker) could not start, failed, or answered what this build cannot read.</summary>
    WorkerFailed,

    /// <summary>The user stopped the work (Ctrl+C, StopProcessing, a cancelled token).</summary>
    Cancelled,
}
