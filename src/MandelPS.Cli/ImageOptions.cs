using System.CommandLine;
using MandelPS.Engine.Formats.Images;

namespace MandelPS.Cli;

/// <summary>How an image is coloured (--palette, --color-scale): given to the image target, which refuses them where there is no picture.</summary>
internal sealed class ImageOptions
{
    public Option<PaletteName?> Palette { get; } = Options.Enum<PaletteName>("--palette", "Colours of the image; the set is black (default classic; grey for a .pgm)");

    public Option<ColorScale?> ColorScale { get; } = Options.Enum<ColorScale>("--color-scale",
        "How counts pick their colour: logarithmic, or histogram-equalised (a streamed render computes twice) (default logarithmic)");

    public void AddTo(Command command)
    {
        command.Options.Add(Palette);
        command.Options.Add(ColorScale);
    }

    /// <summary>The palette and scale given, or null for each one not given.</summary>
    public (PaletteName? Palette, ColorScale? Scale) Given(ParseResult parse) => (parse.Given(Palette), parse.Given(ColorScale));
}
