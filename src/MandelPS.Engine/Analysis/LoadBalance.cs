using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Analysis;

/// <summary>How busy N cores would be on one image, split statically or handed rows dynamically. Flat, with the image's whole request.</summary>
public sealed class LoadBalance : RequestColumns
{
    public LoadBalance()
    {
    }

    /// <summary>A row for <paramref name="request"/>: its request columns copied whole.</summary>
    public LoadBalance(RequestColumns request)
        : base(request)
    {
    }

    public int Workers { get; init; }

    /// <summary>Mean over maximum core load with one contiguous band of rows per core (1 = no core idles).</summary>
    public double StaticSplitEfficiency { get; init; }

    /// <summary>The same with rows handed out one at a time, as the parallel kernels do.</summary>
    public double DynamicRowsEfficiency { get; init; }

    public int TileSize { get; init; }

    /// <summary>The heatmap written, or empty.</summary>
    public string Path { get; init; } = "";

    public static IReadOnlyList<LoadBalance> For(CostMap map, Rendering.RenderResult result, string? path, IEnumerable<int>? workers = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(result);
        return (workers ?? [2, 4, 8, 16, Environment.ProcessorCount]).Distinct().Order().Select(w => new LoadBalance(result.Plan.Identity)
        {
            Workers = w,
            StaticSplitEfficiency = map.StaticSplitEfficiency(w),
            DynamicRowsEfficiency = map.DynamicRowsEfficiency(w),
            TileSize = map.TileSize,
            Path = path ?? "",
        }).ToList();
    }
}
