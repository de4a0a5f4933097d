using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// How many escaped pixels escaped at each count, in bounded memory: counts share buckets when the
/// iteration limit is above <see cref="MaxBuckets"/>, so a limit of 2^31 costs 8 MB, not 16 GB.
/// </summary>
public sealed class CountHistogram
{
    public const int MaxBuckets = 1 << 20;

    private readonly long[] _pixels;

    public CountHistogram(int maxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        MaxIterations = maxIterations;
        _pixels = new long[Math.Min(maxIterations, MaxBuckets)];
    }

    public int MaxIterations { get; }

    public int Buckets => _pixels.Length;

    public long Escaped { get; private set; }

    /// <summary>The bucket of an escaped count (0..MaxIterations-1).</summary>
    public int Bucket(int count) => MaxIterations <= MaxBuckets ? count : (int)((long)count * MaxBuckets / MaxIterations);

    /// <summary>The smallest count in bucket <paramref name="bucket"/>.</summary>
    public long FirstCount(int bucket) => MaxIterations <= MaxBuckets ? bucket : ((long)bucket * MaxIterations + MaxBuckets - 1) / MaxBuckets;

    public void Add(ReadOnlySpan<int> counts)
    {
        foreach (var n in counts)
        {
            if ((uint)n < (uint)MaxIterations)
            {
                _pixels[Bucket(n)]++;
                Escaped++;
            }
        }
    }

    /// <summary>Escaped pixels in buckets 0..bucket, cumulated, for each bucket.</summary>
    public long[] Cumulative()
    {
        var sums = new long[_pixels.Length];
        long running = 0;
        for (var b = 0; b < sums.Length; b++)
        {
            running += _pixels[b];
            sums[b] = running;
        }

        return sums;
    }

    /// <summary>A first pass over a source: every band's counts added.</summary>
    public static CountHistogram Of(ICountSource source, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        var histogram = new CountHistogram(source.MaxIterations);
        source.ForEachBand((_, counts) => histogram.Add(counts.Span), cancellation);
        return histogram;
    }
}
