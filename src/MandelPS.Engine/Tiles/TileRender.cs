using MandelPS.Engine.Kernels;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tiles;

/// <summary>
/// Computes one tile of a render, exactly as the whole render computes those rows (a band plan of the same
/// grid, <see cref="RenderPlan.Rows"/>), and writes it as a tile file: counts, request, checksum.
/// </summary>
public static class TileRender
{
    /// <summary>Tile <paramref name="index"/> of <paramref name="count"/> of <paramref name="whole"/>, written to <paramref name="output"/>; returns the tile's summary.</summary>
    public static RenderSummary Write(RenderPlan whole, int index, int count, Stream output, string? path = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(whole);
        var band = whole.Rows(RowBand.Tile(whole.Height, index, count));
        var (counts, elapsed, phases, codePath) = Compute(band, cancellation);
        TileFile.Write(output, TileHeader.For(band, index, count, elapsed), counts);
        var totals = new CountTotals(band.MaxIterations);
        totals.Add(counts);
        return RenderSummary.ForTile(band, index, count, totals, elapsed, phases, path, codePath);
    }

    /// <summary>
    /// A worker's chunk (<see cref="Kernels.MultiProcessKernel"/>): the order read from <paramref name="input"/>
    /// (<see cref="Workers.WorkerOrder"/>: the request and its rows), its counts written to
    /// <paramref name="output"/> as a tile. An order this build cannot read is a WorkerFailed error.
    /// </summary>
    public static void Work(Stream input, Stream output, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        var order = Workers.WorkerOrder.FromJson(bytes.ToArray());
        var whole = RenderPlan.Create(order.Request, countsInMemory: false);
        if (order.Rows < 1 || order.FirstRow < 0 || order.Band.End > whole.Height)
        {
            throw Workers.WorkerOrder.Failed($"the order asks for {order.Band} of a {whole.Height}-row image");
        }

        var band = whole.Rows(order.Band);
        var started = DateTime.UtcNow;
        var (counts, elapsed, _, _) = Compute(band, cancellation);
        TileFile.Write(output, TileHeader.For(band, -1, 0, elapsed, started), counts);
    }

    /// <summary>A band plan's counts, kernel time, phases and code paths.</summary>
    internal static (int[] Counts, TimeSpan Elapsed, IReadOnlyDictionary<KernelPhase, TimeSpan> Phases, string CodePath) Compute(RenderPlan band, CancellationToken cancellation)
    {
        var counts = new int[band.Grid.PixelCount];
        var phases = new PhaseLog();
        var elapsed = PreparedRender.Compute(band, counts, phases, cancellation);
        return (counts, elapsed, phases.Snapshot(), phases.PathsText());
    }
}
