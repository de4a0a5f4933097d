using System.CommandLine;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Planning;

namespace MandelPS.Cli;

/// <summary>How an image is coloured (--palette, --color-scale), mapped onto the engine's one request builder.</summary>
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

    public RequestSpec Apply(ParseResult parse, RequestSpec spec) =>
        spec with { Palette = parse.Given(Palette), ColorScale = parse.Given(ColorScale) };
}
