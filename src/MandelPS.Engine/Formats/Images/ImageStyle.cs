using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Formats.Images;

/// <summary>How counts become pixels: a palette, a colour scale, and the set (never escaped) in black.</summary>
public sealed record ImageStyle(PaletteName Palette = PaletteName.Classic, ColorScale Scale = ColorScale.Logarithmic)
{
    public static ImageStyle Default { get; } = new();

    /// <summary>The style an image gets when none is asked for: Classic, or Grey for a grey PGM.</summary>
    public static ImageStyle DefaultFor(ImageFormat format) => format == ImageFormat.Pgm ? new(PaletteName.Grey) : Default;

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
