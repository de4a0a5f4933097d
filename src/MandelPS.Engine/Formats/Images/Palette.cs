namespace MandelPS.Engine.Formats.Images;

/// <summary>
/// A named gradient sampled into a lookup table: colour stops at positions 0..1 joined by straight lines
/// in RGB. Smooth across counts; the kernels return whole escape counts, so there is no fractional
/// (|z|-based) smooth colouring, only this gradient over the counts.
/// </summary>
public sealed class Palette
{
    /// <summary>Entries in the lookup table: finer than any neighbouring counts can tell apart at 8 bits.</summary>
    public const int Entries = 1024;

    private readonly byte[] _rgb;

    private Palette(PaletteName name, (double At, byte R, byte G, byte B)[] stops)
    {
        Name = name;
        _rgb = new byte[Entries * 3];
        var s = 0;
        for (var k = 0; k < Entries; k++)
        {
            var t = k / (double)(Entries - 1);
            while (s < stops.Length - 2 && t > stops[s + 1].At)
            {
                s++;
            }

            var (a, b) = (stops[s], stops[s + 1]);
            var f = Math.Clamp((t - a.At) / (b.At - a.At), 0, 1);
            _rgb[k * 3] = Mix(a.R, b.R, f);
            _rgb[k * 3 + 1] = Mix(a.G, b.G, f);
            _rgb[k * 3 + 2] = Mix(a.B, b.B, f);
        }
    }

    public PaletteName Name { get; }

    /// <summary>True for the grey palette, which an image stores as one channel.</summary>
    public bool IsGrey => Name == PaletteName.Grey;

    /// <summary>The colour at table entry <paramref name="index"/> (0..Entries-1) as R, G, B.</summary>
    public ReadOnlySpan<byte> Colour(int index) => _rgb.AsSpan(index * 3, 3);

    public static Palette Get(PaletteName name) => name switch
    {
        PaletteName.Grey => new(name, [(0, 0, 0, 0), (1, 255, 255, 255)]),
        PaletteName.Fire => new(name, [(0, 40, 0, 0), (0.35, 190, 30, 0), (0.7, 255, 160, 0), (1, 255, 255, 190)]),
        PaletteName.Ocean => new(name, [(0, 0, 12, 48), (0.4, 0, 90, 150), (0.75, 70, 200, 205), (1, 235, 255, 255)]),
        PaletteName.Viridis => new(name, [(0, 68, 1, 84), (0.25, 59, 82, 139), (0.5, 33, 145, 140), (0.75, 94, 201, 98), (1, 253, 231, 37)]),
        PaletteName.Classic => new(name, [(0, 0, 7, 100), (0.16, 32, 107, 203), (0.42, 237, 255, 255), (0.6425, 255, 170, 0), (0.8575, 150, 50, 0), (1, 60, 10, 0)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a palette"),
    };

    private static byte Mix(byte from, byte to, double f) => (byte)Math.Round(from + (to - from) * f);
}
