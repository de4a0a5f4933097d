namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// Turns rows of escape counts into rows of pixels (one grey byte, or R, G, B): each count's palette
/// entry is looked up in a table built once per image from the colour scale (and, for histogram
/// equalisation, the whole image's histogram), so the per-pixel cost is two loads.
/// </summary>
public sealed class CountColouring
{
    private readonly Palette _palette;
    private readonly CountHistogram _buckets;
    private readonly int[] _entryOfBucket;

    /// <summary>The table for one image; <paramref name="histogram"/> (the whole image's) is required for <see cref="ColorScale.Histogram"/>.</summary>
    /// <param name="style">The palette and colour scale.</param>
    /// <param name="maxIterations">The count of a pixel in the set.</param>
    /// <param name="histogram">The whole image's histogram, or null for the logarithmic scale.</param>
    public CountColouring(ImageStyle style, int maxIterations, CountHistogram? histogram = null)
    {
        ArgumentNullException.ThrowIfNull(style);
        _palette = Palette.Get(style.Palette);
        _buckets = histogram ?? new CountHistogram(maxIterations);
        MaxIterations = maxIterations;
        _entryOfBucket = new int[_buckets.Buckets];
        var last = Palette.Entries - 1;
        if (style.Scale == ColorScale.Histogram)
        {
            ArgumentNullException.ThrowIfNull(histogram);
            var cumulative = histogram.Cumulative();
            var escaped = Math.Max(1, histogram.Escaped);
            for (var b = 0; b < _entryOfBucket.Length; b++)
            {
                _entryOfBucket[b] = (int)(cumulative[b] * last / escaped);
            }
        }
        else
        {
            var scale = last / Math.Log(1.0 + maxIterations);
            for (var b = 0; b < _entryOfBucket.Length; b++)
            {
                _entryOfBucket[b] = Math.Min(last, (int)(Math.Log(1.0 + _buckets.FirstCount(b)) * scale + 0.5));
            }
        }
    }

    public int MaxIterations { get; }

    /// <summary>Bytes per pixel: 1 for the grey palette, 3 (R, G, B) otherwise.</summary>
    public int Channels => _palette.IsGrey ? 1 : 3;

    /// <summary>Fills <paramref name="pixels"/> (counts.Length * channels bytes) from one row of counts; the set is black.</summary>
    public void Map(ReadOnlySpan<int> counts, Span<byte> pixels, int channels)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            var n = counts[i];
            var pixel = pixels.Slice(i * channels, channels);
            if ((uint)n >= (uint)MaxIterations)
            {
                pixel.Clear();
                continue;
            }

            var colour = _palette.Colour(_entryOfBucket[_buckets.Bucket(n)]);
            if (channels == 1)
            {
                pixel[0] = colour[0];
            }
            else
            {
                colour.CopyTo(pixel);
            }
        }
    }
}
