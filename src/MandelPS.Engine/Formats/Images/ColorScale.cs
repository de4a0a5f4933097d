namespace MandelPS.Engine.Formats.Images;

/// <summary>How an escape count picks its place on the palette.</summary>
public enum ColorScale
{
    /// <summary>ln(1+n) / ln(1+MaxIterations): one pass, fast escapes spread apart, slow ones compressed.</summary>
    Logarithmic,

    /// <summary>
    /// Histogram-equalised: a count's place is the share of escaped pixels that escaped no later, so every
    /// colour covers about as many pixels. Needs every count before the first pixel: a streamed render computes twice.
    /// </summary>
    Histogram,
}
