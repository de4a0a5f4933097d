using System.Text.Json;
using System.Text.Json.Serialization;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Workers;

/// <summary>
/// One call of the measuring conversation with a worker (`mandelps worker --serve`), one JSON line:
/// Hello (which build and protocol are you?), Prepare (plan this request as side n, run it once and
/// check it against your reference), Sample (run side n this many times after a collection, and say how
/// long by both clocks), Release (forget side n).
/// </summary>
public sealed record WorkerCall
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    [JsonRequired]
    public int Protocol { get; init; } = WorkerOrder.CurrentProtocol;

    public WorkerOp Op { get; init; }

    /// <summary>Which prepared side the call is about.</summary>
    public int Side { get; init; }

    /// <summary>Prepare: the request, its kernel's settings resolved by the parent so every build runs the same.</summary>
    public RenderRequest? Request { get; init; }

    /// <summary>Sample: kernel runs in this sample.</summary>
    public int Repetitions { get; init; } = 1;

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The calls a measuring worker answers.</summary>
public enum WorkerOp
{
    Hello,
    Prepare,
    Sample,
    Release,
}

/// <summary>A worker's answer to one <see cref="WorkerCall"/>, one JSON line; <see cref="Ok"/> false carries the error.</summary>
public sealed record WorkerAnswer
{
    public bool Ok { get; init; } = true;

    /// <summary>The error's kind (an <see cref="Errors.ErrorKind"/> name) and message, when not Ok.</summary>
    public string? Kind { get; init; }

    public string? Error { get; init; }

    /// <summary>Hello: the protocol the worker speaks and the build it is.</summary>
    public int Protocol { get; init; }

    public BuildInfo? Build { get; init; }

    /// <summary>Prepare: the request as the worker planned it, and what its first run made.</summary>
    public string? RequestKey { get; init; }

    /// <summary>Prepare: XxHash64 of the first run's counts, so two builds' counts are compared without sending them.</summary>
    public string? CountsHash { get; init; }

    public long ValidationSum { get; init; }

    public long TotalIterations { get; init; }

    public MeasurementStatus Status { get; init; }

    public long DifferingPixels { get; init; }

    public double WarmRunMs { get; init; }

    public string? CodePath { get; init; }

    /// <summary>Sample: the runs' total wall time and the worker process's CPU time over them.</summary>
    public double WallMs { get; init; }

    public double CpuMs { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, WorkerCall.Json);
}
