using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Formats.Images;

/// <summary>How counts become pixels: a palette, a colour scale, and the set (never escaped) in black.</summary>
public sealed record ImageStyle(PaletteName Palette = PaletteName.Classic, ColorScale Scale = ColorScale.Logarithmic)
{
    public static ImageStyle Default { get; } = new();

    /// <summary>The style an image gets when none is asked for: Classic, or Grey for a grey PGM.</summary>
    public static ImageStyle DefaultFor(ImageFormat format) => format == ImageFormat.Pgm ? new(PaletteName.Grey) : Default;

    /// <summary>
    /// The style for an image in <paramref name="format"/> written to <paramref name="target"/>, from a palette
    /// and scale asked for (null: not given), checked before any work: a palette or scale with no picture to
    /// apply it to (no image, or a PBM bitmap of membership) is refused, as is one the format cannot hold.
    /// </summary>
    public static ImageStyle For(ImageFormat? format, PaletteName? palette, ColorScale? scale, string target)
    {
        var colours = format is not (null or ImageFormat.Pbm);
        if (palette is not null && !colours)
        {
            throw MandelPSException.Invalid("Palette", "not allowed here: a palette colours an image: write a .png, .ppm or .pgm");
        }

        if (scale is not null && !colours)
        {
            throw MandelPSException.Invalid("ColorScale", "not allowed here: a colour scale colours an image: write a .png, .ppm or .pgm");
        }

        var defaults = format is { } known ? DefaultFor(known) : Default;
        var style = new ImageStyle(palette ?? defaults.Palette, scale ?? defaults.Scale);
        if (format is { } image)
        {
            style.Check(image, target);
        }

        return style;
    }

    /// <summary>Refuses, before any work, a style the format cannot hold (a colour palette in a grey PGM).</summary>
    public void Check(ImageFormat format, string path)
    {
        if (!Enum.IsDefined(Palette))
        {
            throw MandelPSException.Invalid("Palette", $"{(int)Palette} is not one of {string.Join(", ", Enum.GetNames<PaletteName>())}");
        }

        if (!Enum.IsDefined(Scale))
        {
            throw MandelPSException.Invalid("ColorScale", $"{(int)Scale} is not one of {string.Join(", ", Enum.GetNames<ColorScale>())}");
        }

        if (format == ImageFormat.Pgm && Palette != PaletteName.Grey)
        {
            throw MandelPSException.Invalid("Palette", $"{Palette} is in colour but '{path}' is a grey PGM; use .png or .ppm, or the Grey palette", Palette);
        }
    }
}
