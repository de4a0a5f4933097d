using System.Collections.Concurrent;
using System.Management.Automation;
using MandelPS.Engine.Shell;

namespace MandelPS.Commands;

/// <summary>
/// What every MandelPS cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) trips, engine
/// work run off the pipeline thread while progress is written on it, and engine exceptions turned into
/// ErrorRecords with stable ids.
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
    /// Runs engine work on a worker thread; its progress reports ("status", percent or -1) are written
    /// with WriteProgress from this thread, which is the only one allowed to write to the pipeline.
    /// </summary>
    protected T RunWithProgress<T>(string activity, Func<CancellationToken, Action<string, int>, T> work)
    {
        var reports = new ConcurrentQueue<(string Status, int Percent)>();
        var task = Task.Run(() => work(Cancellation, (status, percent) => reports.Enqueue((status, percent))), Cancellation);
        var record = new ProgressRecord(Math.Abs(activity.GetHashCode() % 10000), activity, "Starting");
        var started = DateTime.UtcNow;
        // Waiting on the handle never throws; GetResult below rethrows the engine's own exception (not an
        // AggregateException), so callers map it to an ErrorRecord like any other engine failure.
        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(250))
        {
            var latest = (Status: "Working", Percent: -1);
            while (reports.TryDequeue(out var report))
            {
                latest = report;
            }

            record.StatusDescription = $"{latest.Status} ({(DateTime.UtcNow - started).TotalSeconds:0}s)";
            record.PercentComplete = latest.Percent;
            WriteProgress(record);
        }

        record.RecordType = ProgressRecordType.Completed;
        WriteProgress(record);
        return task.GetAwaiter().GetResult();
    }

    protected ErrorRecord ToErrorRecord(Exception error, object? target)
    {
        var (id, category) = ErrorClassification.Classify(error);
        return new ErrorRecord(error, id, Enum.Parse<ErrorCategory>(category), target);
    }

    /// <summary>True for the engine's expected failures (bad input, unknown kernel, file problems).</summary>
    protected static bool IsEngineError(Exception error) =>
        error is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException;
}
