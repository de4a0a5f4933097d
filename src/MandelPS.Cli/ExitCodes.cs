using MandelPS.Engine.Errors;

namespace MandelPS.Cli;

/// <summary>The exit codes `mandelps` documents (README): one per kind of outcome, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A kernel failed its correctness check, or a regression gate failed.</summary>
    public const int FailedCheck = 1;

    /// <summary>Bad usage or input: an unknown option or kernel, a value out of range, a file that exists, a bad saved set.</summary>
    public const int InvalidInput = 2;

    /// <summary>A kernel, precision or vector width this machine cannot run.</summary>
    public const int Unavailable = 3;

    /// <summary>A file could not be written.</summary>
    public const int WriteFailed = 4;

    /// <summary>A GPU device or its runtime failed (the message names the call and status, or has the build log).</summary>
    public const int DeviceFailed = 5;

    /// <summary>A worker process could not start, failed, or answered what this build cannot read (MultiProcess, a baseline build).</summary>
    public const int WorkerFailed = 6;

    /// <summary>An unexpected internal error (a bug: please report it).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.FailedCheck => FailedCheck,
        ErrorKind.KernelUnavailable => Unavailable,
        ErrorKind.WriteFailed => WriteFailed,
        ErrorKind.Cancelled => Cancelled,
        ErrorKind.DeviceFailed => DeviceFailed,
        ErrorKind.WorkerFailed => WorkerFailed,
        _ => InvalidInput,
    };
}
