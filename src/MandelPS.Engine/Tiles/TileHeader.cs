using System.Text.Json;
using System.Text.Json.Serialization;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tiles;

/// <summary>
/// What a tile holds besides its counts: the whole render's request columns (<see cref="RequestColumns"/>,
/// the same a summary row carries: Width and Height are the whole image's), the request as it was asked
/// (so a merge can re-plan it anywhere, and any tile can be re-run alone), the key tiles must share to
/// merge, and which rows of the image it covers. Stored as JSON; enumerations by name.
/// </summary>
public sealed class TileHeader : RequestColumns
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public TileHeader()
    {
    }

    private TileHeader(RequestColumns request)
        : base(request)
    {
    }

    /// <summary>The whole render's request as asked (the kernel as the registry spells it): what a merge re-plans.</summary>
    public RenderRequest Request { get; init; } = new();

    /// <summary>
    /// The problem, the kernel and the settings that change its counts (<see cref="RequestIdentity.CountsKey"/>):
    /// tiles merge only with tiles of the same key, whatever thread count or vector width each machine ran.
    /// </summary>
    public string CountsKey { get; init; } = "";

    /// <summary>Tile index (0-based) of <see cref="TileCount"/>.</summary>
    public int TileIndex { get; init; }

    public int TileCount { get; init; }

    /// <summary>First row of the whole image this tile holds.</summary>
    public int FirstRow { get; init; }

    public int Rows { get; init; }

    /// <summary>Milliseconds the kernel ran for this tile.</summary>
    public double ElapsedMs { get; init; }

    /// <summary>When the kernel started (UTC): a worker's parent on the same machine tells its start-up from its transfer by it.</summary>
    public DateTime KernelStartedUtc { get; init; }

    [JsonIgnore]
    public RowBand Band => new(FirstRow, Rows);

    /// <summary>The header of tile <paramref name="index"/> of <paramref name="count"/> computed by a band plan.</summary>
    public static TileHeader For(RenderPlan band, int index, int count, TimeSpan elapsed, DateTime kernelStartedUtc = default)
    {
        ArgumentNullException.ThrowIfNull(band);
        return new TileHeader(band.Identity)
        {
            Request = band.Request,
            CountsKey = band.Identity.CountsKey,
            TileIndex = index,
            TileCount = count,
            FirstRow = band.Band.First,
            Rows = band.Band.Count,
            ElapsedMs = elapsed.TotalMilliseconds,
            KernelStartedUtc = kernelStartedUtc,
        };
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The header from its JSON, or null when the bytes are not one.</summary>
    public static TileHeader? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<TileHeader>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
