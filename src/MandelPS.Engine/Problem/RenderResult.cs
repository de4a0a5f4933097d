namespace MandelPS.Engine.Problem;

/// <summary>
/// The escape counts of one solved request plus the tutorial's validation figures. Counts are row-major;
/// a pixel that never escaped holds <see cref="MaxIterations"/>.
/// </summary>
public sealed class RenderResult
{
    public RenderResult(RenderRequest request, string kernel, int width, int height, int[] counts, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(counts);
        if ((long)width * height != counts.Length)
        {
            throw new ArgumentException($"counts has {counts.Length} entries but the grid is {width}x{height}.", nameof(counts));
        }

        Request = request;
        Kernel = kernel;
        Width = width;
        Height = height;
        Counts = counts;
        Elapsed = elapsed;
        (ValidationSum, TotalIterations, EscapedPixels) = Summarise(counts, request.MaxIterations);
    }

    public RenderRequest Request { get; }

    /// <summary>The registry name of the kernel that produced the counts.</summary>
    public string Kernel { get; }

    public int Width { get; }

    public int Height { get; }

    public int MaxIterations => Request.MaxIterations;

    public Precision Precision => Request.Precision;

    /// <summary>Escape iteration n per pixel (row-major), or MaxIterations for pixels that never escaped.</summary>
    public int[] Counts { get; }

    /// <summary>The tutorial's validation sum: the sum of counts of escaped pixels (never-escaped count 0).</summary>
    public long ValidationSum { get; }

    /// <summary>Inner-loop iterations executed: n+1 per escaped pixel, MaxIterations per other pixel.</summary>
    public long TotalIterations { get; }

    public long EscapedPixels { get; }

    /// <summary>Wall time of the kernel alone (grid construction and summaries excluded).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Inner-loop iterations a pixel with this count cost: n+1 if it escaped at n, else maxIterations.</summary>
    public static long IterationsFor(int count, int maxIterations) => count < maxIterations ? count + 1L : maxIterations;

    private static (long ValidationSum, long TotalIterations, long Escaped) Summarise(int[] counts, int maxIterations)
    {
        long validation = 0, total = 0, escaped = 0;
        foreach (var n in counts)
        {
            total += IterationsFor(n, maxIterations);
            if (n < maxIterations)
            {
                validation += n;
                escaped++;
            }
        }

        return (validation, total, escaped);
    }
}
