using System.Text;
using System.Text.Json;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Workers;

/// <summary>
/// The parent's side of a measuring conversation with one worker process: started from a pool, greeted
/// (a worker of another protocol is refused before any work), then called one line at a time. A worker
/// that dies, answers garbage or cannot start is a WorkerFailed error naming <see cref="Name"/> and what
/// it printed; an error the worker reports comes back as its own kind.
/// </summary>
public sealed class WorkerSession : IDisposable
{
    private readonly IWorkerProcess _process;
    private readonly StreamWriter _input;
    private readonly StreamReader _output;
    private readonly string _parameter;

    private WorkerSession(IWorkerProcess process, string name, string parameter)
    {
        _process = process;
        _parameter = parameter;
        Name = name;
        _input = new StreamWriter(process.Input, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        _output = new StreamReader(process.Output, Encoding.UTF8);
    }

    /// <summary>What this worker is, for messages: "the baseline build", "this build's worker 2".</summary>
    public string Name { get; }

    /// <summary>The build the worker is (from its Hello).</summary>
    public BuildInfo Build { get; private set; } = new("", "", "");

    /// <summary>Starts a worker of <paramref name="pool"/> and greets it; <paramref name="parameter"/> is the option errors blame.</summary>
    public static WorkerSession Open(IWorkerPool pool, string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Unavailable is { } reason)
        {
            throw new MandelPSException(ErrorKind.WorkerFailed, parameter, $"{name} cannot start a worker: {reason}");
        }

        IWorkerProcess process;
        try
        {
            process = pool.Start(WorkerMode.Session);
        }
        catch (Exception e) when (e is not MandelPSException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new MandelPSException(ErrorKind.WorkerFailed, parameter, $"{name} could not start a worker: {e.Message}", null, e);
        }

        var session = new WorkerSession(process, name, parameter);
        try
        {
            var hello = session.Call(new WorkerCall { Op = WorkerOp.Hello });
            if (hello.Protocol != WorkerOrder.CurrentProtocol || hello.Build is null)
            {
                throw session.Failed($"speaks worker protocol {hello.Protocol}; this build speaks {WorkerOrder.CurrentProtocol}: compare builds of one protocol");
            }

            session.Build = hello.Build;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Prepares side <paramref name="side"/>: the request planned, run once and checked by the worker.</summary>
    public WorkerAnswer Prepare(int side, RenderRequest request) => Call(new WorkerCall { Op = WorkerOp.Prepare, Side = side, Request = request });

    /// <summary>One sample of side <paramref name="side"/>: its runs' total time by both clocks.</summary>
    public RunTime Sample(int side, int repetitions)
    {
        var answer = Call(new WorkerCall { Op = WorkerOp.Sample, Side = side, Repetitions = repetitions });
        return new RunTime(answer.WallMs, answer.CpuMs);
    }

    public void Release(int side) => Call(new WorkerCall { Op = WorkerOp.Release, Side = side });

    /// <summary>One call and its answer; an answer that is an error is thrown as its kind.</summary>
    public WorkerAnswer Call(WorkerCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        string? line;
        try
        {
            _input.WriteLine(call.ToJson());
            line = _output.ReadLine();
        }
        catch (IOException e)
        {
            throw Failed($"stopped answering ({e.Message}){Exit()}");
        }

        if (line is null)
        {
            throw Failed($"ended the conversation{Exit()}");
        }

        WorkerAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<WorkerAnswer>(line, WorkerCall.Json);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            throw Failed($"answered what is not a worker answer: '{(line.Length > 80 ? line[..80] + "..." : line)}'");
        }

        if (!answer.Ok)
        {
            var kind = Enum.TryParse<ErrorKind>(answer.Kind, out var parsed) ? parsed : ErrorKind.WorkerFailed;
            throw new MandelPSException(kind == ErrorKind.UnknownKernel ? ErrorKind.KernelUnavailable : kind, _parameter, $"{Name} ({Build}) refused: {answer.Error}");
        }

        return answer;
    }

    public void Dispose()
    {
        try
        {
            _input.Dispose(); // closing its input ends the worker's loop
        }
        catch (IOException)
        {
            // It is gone already.
        }

        if (!Task.Run(_process.WaitForExit).Wait(TimeSpan.FromSeconds(5)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>", exit 2: mandelps: error: ..." once the worker has exited, from its exit code and standard error.</summary>
    private string Exit()
    {
        if (!Task.Run(_process.WaitForExit).Wait(TimeSpan.FromSeconds(5)))
        {
            return "";
        }

        var code = _process.WaitForExit();
        var errors = _process.Errors.Wait(TimeSpan.FromSeconds(1)) ? _process.Errors.Result : "";
        return $" (exit {WorkerExit.Describe(code, errors)})";
    }

    private MandelPSException Failed(string problem) => new(ErrorKind.WorkerFailed, _parameter, $"{Name} {problem}");
}
