using System.Globalization;
using MandelPS.Engine.Errors;

namespace MandelPS.Engine.Problem;

/// <summary>A rectangle of the complex plane: real axis [XMin, XMax], imaginary axis [YMin, YMax].</summary>
public readonly record struct Viewport(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>The tutorial's area of space to investigate (x1, x2, y1, y2 = -2.13, 0.77, -1.3, 1.3).</summary>
    public static Viewport Tutorial { get; } = new(-2.13, 0.77, -1.3, 1.3);

    /// <summary>Parses "xmin,xmax,ymin,ymax" with invariant-culture numbers.</summary>
    public static Viewport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
        {
            throw MandelPSException.Invalid("Viewport", $"expected four comma-separated numbers xmin,xmax,ymin,ymax but got '{text}'", text);
        }

        var values = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw MandelPSException.Invalid("Viewport", $"'{parts[i]}' is not a number; expected xmin,xmax,ymin,ymax", text);
            }
        }

        return new Viewport(values[0], values[1], values[2], values[3]);
    }

    /// <summary>A square viewport of the given width centred on (centreX, centreY).</summary>
    public static Viewport Around(double centreX, double centreY, double width, double height) =>
        new(centreX - width / 2, centreX + width / 2, centreY - height / 2, centreY + height / 2);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{XMin:R},{XMax:R},{YMin:R},{YMax:R}");
}
