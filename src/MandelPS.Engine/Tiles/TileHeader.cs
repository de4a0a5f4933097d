using System.Text.Json;
using System.Text.Json.Serialization;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tiles;

/// <summary>
/// What a tile holds besides its counts: the whole request that made it (so a merge can re-plan it and
/// any tile can be re-run alone), which rows of that request it covers, and which tile of how many it is.
/// Stored as JSON; every field of the request travels, including options added later.
/// </summary>
public sealed record TileHeader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    /// <summary>The whole render's request, as planned (the kernel as the registry spells it).</summary>
    public RenderRequest Request { get; init; } = new();

    /// <summary>Which problem and kernel the tile belongs to: tiles merge only with tiles of the same key.</summary>
    public string RequestKey { get; init; } = "";

    /// <summary>Tile index (0-based) of <see cref="TileCount"/>; a worker's chunk of a band has -1.</summary>
    public int TileIndex { get; init; }

    public int TileCount { get; init; }

    /// <summary>First row of the whole image this tile holds.</summary>
    public int FirstRow { get; init; }

    public int Rows { get; init; }

    public int Width { get; init; }

    /// <summary>Rows of the whole image.</summary>
    public int Height { get; init; }

    public int MaxIterations { get; init; }

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
        return new TileHeader
        {
            Request = band.Request,
            RequestKey = KeyOf(band),
            TileIndex = index,
            TileCount = count,
            FirstRow = band.Band.First,
            Rows = band.Band.Count,
            Width = band.Width,
            Height = band.FullHeight,
            MaxIterations = band.MaxIterations,
            ElapsedMs = elapsed.TotalMilliseconds,
            KernelStartedUtc = kernelStartedUtc,
        };
    }

    /// <summary>The whole problem (not the band's) and the kernel: equal keys, equal counts row for row.</summary>
    public static string KeyOf(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ProblemKeys.Format(plan.Request.Grid, plan.ViewportText, plan.TutorialSize, plan.Width, plan.FullHeight, plan.MaxIterations, plan.Precision)
            + "/" + plan.Kernel.Name;
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
