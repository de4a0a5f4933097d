using System.Collections.Concurrent;
using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;

namespace MandelPS.Commands;

/// <summary>
/// What every MandelPS cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) trips, engine
/// work run off the pipeline thread while its rows and progress are written on it as they arrive, and
/// engine errors turned into ErrorRecords with a stable id per <see cref="ErrorKind"/>.
/// </summary>
public abstract class MandelPSCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    protected CancellationToken Cancellation => _stop.Token;

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs engine work on a worker thread and writes each item it yields as soon as it is ready, with
    /// Write-Progress (activity, step i of n, percent, time left) from the engine's reports. If the
    /// pipeline stops early (Select-Object -First 1, Ctrl+C) the worker is cancelled and awaited.
    /// </summary>
    protected void Stream<T>(string activity, Func<CancellationToken, Action<MeasurementProgress>, IEnumerable<T>> work, Action<T> write)
    {
        var items = new ConcurrentQueue<T>();
        var reports = new ConcurrentQueue<MeasurementProgress>();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var worker = Task.Run(() =>
        {
            foreach (var item in work(linked.Token, reports.Enqueue))
            {
                items.Enqueue(item);
            }
        }, linked.Token);
        var record = new ProgressRecord(1, activity, "Starting");
        try
        {
            while (true)
            {
                var finished = ((IAsyncResult)worker).AsyncWaitHandle.WaitOne(100);
                while (items.TryDequeue(out var item))
                {
                    write(item);
                }

                MeasurementProgress? latest = null;
                while (reports.TryDequeue(out var report))
                {
                    latest = report;
                }

                if (latest is not null)
                {
                    record.StatusDescription = latest.Status;
                    record.PercentComplete = Math.Clamp(latest.PercentComplete, 0, 100);
                    record.SecondsRemaining = latest.EstimatedRemaining is { } left ? (int)left.TotalSeconds : -1;
                    WriteProgress(record);
                    WriteVerbose(latest.Status);
                }

                if (finished)
                {
                    break;
                }
            }

            worker.GetAwaiter().GetResult(); // the engine's own exception, not an AggregateException
        }
        finally
        {
            linked.Cancel();
            try
            {
                worker.Wait();
            }
            catch (AggregateException)
            {
                // Already reported above, or the cancellation this finally block asked for.
            }

            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
    }

    /// <summary>
    /// Plans this record's sweep through the engine's one builder: a bad value is this record's error
    /// (null is returned), an unknown or unavailable kernel is an error of its own while the others run,
    /// and a kernel skipped under -All is a warning.
    /// </summary>
    protected SweepPlan? PlanSweep(IReadOnlyList<string>? kernels, bool all)
    {
        SweepPlan sweep;
        try
        {
            sweep = BoundParameters.ToSpec(MyInvocation.BoundParameters, all ? null : kernels, all).Plan();
        }
        catch (MandelPSException e)
        {
            WriteError(ToErrorRecord(e));
            return null;
        }

        foreach (var error in sweep.Errors)
        {
            WriteError(ToErrorRecord(error));
        }

        foreach (var skipped in sweep.Skipped)
        {
            WriteWarning($"Skipping {skipped.Kernel}: {Spelled(skipped.Reason)}.");
        }

        sweep.Warnings.ToList().ForEach(w => WriteWarning(Spelled(w)));
        return sweep;
    }

    /// <summary>
    /// A path for a file to write, resolved through the PowerShell provider like the built-in cmdlets
    /// (relative to the current location, ~ and PSDrives honoured); wildcards are refused unless the
    /// path is literal, and only the FileSystem provider can hold a file the engine writes.
    /// </summary>
    protected string ResolveNewFilePath(string path, bool literal, string parameter)
    {
        if (!literal && WildcardPattern.ContainsWildcardCharacters(path))
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' contains wildcard characters; name one file, or use -LiteralPath", path);
        }

        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' is on the {provider.Name} provider; MandelPS writes files to the FileSystem provider only", path);
        }

        return resolved;
    }

    /// <summary>
    /// Files to read, resolved through the PowerShell provider like the built-in cmdlets: wildcards expand
    /// (unless literal) and must match a file, a literal path must exist, and only the FileSystem provider
    /// holds files the engine reads.
    /// </summary>
    protected IReadOnlyList<string> ResolveExistingFiles(string path, bool literal)
    {
        var parameter = literal ? "LiteralPath" : "Path";
        ProviderInfo provider;
        IReadOnlyList<string> resolved;
        try
        {
            resolved = literal
                ? [SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _)]
                : SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
        }
        catch (ItemNotFoundException)
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' matches no file", path);
        }

        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' is on the {provider.Name} provider; MandelPS reads files from the FileSystem provider only", path);
        }

        var files = resolved.Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            throw MandelPSException.Invalid(parameter, $"'{path}' matches no file", path);
        }

        return files;
    }

    /// <summary>An engine error as an ErrorRecord: id from its kind, message with the parameter as PowerShell spells it.</summary>
    protected static ErrorRecord ToErrorRecord(MandelPSException error, object? target = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var record = new ErrorRecord(error, error.Kind.ToString(), Category(error.Kind), target ?? error.Target);
        record.ErrorDetails = new ErrorDetails(error.MessageFor(p => "-" + p));
        return record;
    }

    /// <summary>Engine text (a warning, a reason) with the parameters and commands it mentions spelled as PowerShell spells them.</summary>
    protected static string Spelled(string text) => MandelPSException.Spelled(text, p => "-" + p);

    protected static ErrorRecord Cancelled(OperationCanceledException error) =>
        new(error, nameof(ErrorKind.Cancelled), ErrorCategory.OperationStopped, null);

    private static ErrorCategory Category(ErrorKind kind) => kind switch
    {
        ErrorKind.UnknownKernel => ErrorCategory.ObjectNotFound,
        ErrorKind.KernelUnavailable => ErrorCategory.NotEnabled,
        ErrorKind.FileExists => ErrorCategory.ResourceExists,
        ErrorKind.WriteFailed => ErrorCategory.WriteError,
        ErrorKind.FailedCheck => ErrorCategory.InvalidResult,
        ErrorKind.BadSavedResults => ErrorCategory.InvalidData,
        ErrorKind.Cancelled => ErrorCategory.OperationStopped,
        ErrorKind.DeviceFailed => ErrorCategory.DeviceError,
        ErrorKind.WorkerFailed => ErrorCategory.InvalidResult,
        _ => ErrorCategory.InvalidArgument,
    };
}
