namespace MandelPS.Engine.Rendering;

/// <summary>
/// Escape counts delivered a band of rows at a time, top to bottom, as many times as asked (an image
/// with histogram colouring reads them twice): a kernel computing bands, a result in memory, merged tiles.
/// </summary>
public interface ICountSource
{
    int Width { get; }

    int Height { get; }

    int MaxIterations { get; }

    /// <summary>Hands every band, in row order, to <paramref name="band"/>; the memory is only valid during the call.</summary>
    void ForEachBand(Action<RowBand, ReadOnlyMemory<int>> band, CancellationToken cancellation);
}
