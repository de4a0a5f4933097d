using System.Text.Json;
using System.Text.Json.Serialization;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Workers;

/// <summary>
/// What a worker is asked to compute: rows of a request, sent as JSON on its standard input. The
/// protocol is versioned: a worker refuses an order of another version with a clear error (and an exit
/// code) rather than misread it, and the parent refuses an answer it cannot read.
/// </summary>
public sealed record WorkerOrder
{
    /// <summary>
    /// The protocol this build speaks: 2, a request and its rows in, a tile file (<see cref="Tiles.TileFile"/>)
    /// out; and with --serve, <see cref="WorkerCall"/> and <see cref="WorkerAnswer"/> lines. (1: earlier
    /// builds, whose orders were tile headers without a protocol field.)
    /// </summary>
    public const int CurrentProtocol = 2;

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Required: an order without one is from a build before protocols, and is refused.</summary>
    [JsonRequired]
    public int Protocol { get; init; } = CurrentProtocol;

    /// <summary>The whole render's request, as planned by the parent.</summary>
    public RenderRequest Request { get; init; } = new();

    /// <summary>The first row of the whole image to compute.</summary>
    public int FirstRow { get; init; }

    public int Rows { get; init; }

    [JsonIgnore]
    public RowBand Band => new(FirstRow, Rows);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads an order, refusing one that is not JSON of an order or speaks another protocol.</summary>
    public static WorkerOrder FromJson(ReadOnlySpan<byte> json)
    {
        WorkerOrder? order;
        try
        {
            order = JsonSerializer.Deserialize<WorkerOrder>(json, Json);
        }
        catch (JsonException e)
        {
            throw Failed($"the order is not a worker order: {e.Message}");
        }

        if (order is null)
        {
            throw Failed("the order is empty");
        }

        if (order.Protocol != CurrentProtocol)
        {
            throw Failed($"the order speaks worker protocol {order.Protocol}; this worker speaks {CurrentProtocol} (the parent and the worker are different MandelPS builds)");
        }

        return order;
    }

    internal static MandelPSException Failed(string problem) => new(ErrorKind.WorkerFailed, null, problem);
}
