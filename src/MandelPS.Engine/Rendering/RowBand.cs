namespace MandelPS.Engine.Rendering;

/// <summary>
/// Rows <see cref="First"/>..<see cref="First"/>+<see cref="Count"/>-1 of an image: the unit a streaming
/// render computes and encodes at a time, and the part of a request one tile holds.
/// </summary>
public readonly record struct RowBand(int First, int Count)
{
    /// <summary>One past the last row.</summary>
    public int End => First + Count;

    /// <summary>
    /// Tile <paramref name="index"/> of <paramref name="tiles"/> over <paramref name="height"/> rows: rows split as
    /// evenly as whole rows allow (the first height % tiles tiles one row taller), so every tile count up to
    /// the height covers each row exactly once.
    /// </summary>
    public static RowBand Tile(int height, int index, int tiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tiles, height);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, tiles);
        var (size, taller) = Math.DivRem(height, tiles);
        var first = index * size + Math.Min(index, taller);
        return new RowBand(first, size + (index < taller ? 1 : 0));
    }

    /// <summary>Consecutive bands of at most <paramref name="rows"/> rows covering <paramref name="height"/> rows.</summary>
    public static IEnumerable<RowBand> Cover(int height, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        for (var first = 0; first < height; first += rows)
        {
            yield return new RowBand(first, Math.Min(rows, height - first));
        }
    }

    public override string ToString() => $"rows {First}..{End - 1}";
}
