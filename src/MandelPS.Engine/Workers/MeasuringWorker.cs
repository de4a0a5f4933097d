using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Workers;

/// <summary>
/// The worker's side of the measuring conversation (`mandelps worker --serve`): reads one call a line and
/// answers one line, until its input closes. Each prepared side is a <see cref="TimedRender"/>, so a
/// worker samples exactly as an in-process measurement does (its correctness run against its own reference,
/// a collection before each sample, buffers reused). A bad call is answered with its error, never a crash.
/// </summary>
public static class MeasuringWorker
{
    public static void Serve(TextReader input, TextWriter output, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var sides = new Dictionary<int, TimedRender>();
        var references = new ReferenceResults();
        while (input.ReadLine() is { } line)
        {
            cancellation.ThrowIfCancellationRequested();
            WorkerAnswer answer;
            try
            {
                answer = Answer(Read(line), sides, references, cancellation);
            }
            catch (MandelPSException e)
            {
                answer = new WorkerAnswer { Ok = false, Kind = e.Kind.ToString(), Error = e.Message };
            }

            output.WriteLine(answer.ToJson());
            output.Flush();
        }
    }

    private static WorkerCall Read(string line)
    {
        WorkerCall? call;
        try
        {
            call = JsonSerializer.Deserialize<WorkerCall>(line, WorkerCall.Json);
        }
        catch (JsonException e)
        {
            throw WorkerOrder.Failed($"the call is not a worker call: {e.Message}");
        }

        if (call is null || call.Protocol != WorkerOrder.CurrentProtocol)
        {
            throw WorkerOrder.Failed($"the call speaks worker protocol {call?.Protocol}; this worker speaks {WorkerOrder.CurrentProtocol} (the parent and the worker are different MandelPS builds)");
        }

        return call;
    }

    private static WorkerAnswer Answer(WorkerCall call, Dictionary<int, TimedRender> sides, ReferenceResults references, CancellationToken cancellation)
    {
        switch (call.Op)
        {
            case WorkerOp.Hello:
                return new WorkerAnswer { Protocol = WorkerOrder.CurrentProtocol, Build = BuildInfo.Current };
            case WorkerOp.Prepare:
                var plan = RenderPlan.Create(call.Request ?? throw WorkerOrder.Failed("Prepare needs a request"));
                var side = new TimedRender(plan);
                var first = side.Start(references, cancellation);
                sides[call.Side] = side;
                return new WorkerAnswer
                {
                    RequestKey = plan.Identity.RequestKey,
                    CountsHash = Convert.ToHexString(XxHash64.Hash(MemoryMarshal.AsBytes(first.Counts.AsSpan()))),
                    ValidationSum = first.ValidationSum,
                    TotalIterations = first.TotalIterations,
                    Status = side.Status,
                    DifferingPixels = side.LossToReference?.DifferingPixels ?? 0,
                    WarmRunMs = side.WarmRunMs,
                    CodePath = first.CodePath,
                };
            case WorkerOp.Sample:
                var sampled = sides.GetValueOrDefault(call.Side) ?? throw WorkerOrder.Failed($"side {call.Side} was not prepared");
                var time = sampled.Run(Math.Max(1, call.Repetitions), cancellation);
                return new WorkerAnswer { WallMs = time.WallMs, CpuMs = time.CpuMs };
            case WorkerOp.Release:
                sides.Remove(call.Side);
                return new WorkerAnswer();
            default:
                throw WorkerOrder.Failed($"'{call.Op}' is not a call this worker answers");
        }
    }
}
