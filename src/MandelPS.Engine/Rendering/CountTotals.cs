namespace MandelPS.Engine.Rendering;

/// <summary>
/// The tutorial's validation figures added up band by band, so a render that never holds all its counts
/// (streamed, merged from tiles) reports the same sums as one that does.
/// </summary>
public sealed class CountTotals
{
    public CountTotals(int maxIterations)
    {
        MaxIterations = maxIterations;
    }

    public int MaxIterations { get; }

    /// <summary>Sum of the counts of escaped pixels.</summary>
    public long ValidationSum { get; private set; }

    /// <summary>Inner-loop iterations: n+1 per escaped pixel, MaxIterations per other pixel.</summary>
    public long TotalIterations { get; private set; }

    public long EscapedPixels { get; private set; }

    public void Add(ReadOnlySpan<int> counts)
    {
        long validation = 0, total = 0, escaped = 0;
        foreach (var n in counts)
        {
            total += RenderResult.IterationsFor(n, MaxIterations);
            if (n < MaxIterations)
            {
                validation += n;
                escaped++;
            }
        }

        ValidationSum += validation;
        TotalIterations += total;
        EscapedPixels += escaped;
    }
}
