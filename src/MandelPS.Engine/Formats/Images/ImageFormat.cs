namespace MandelPS.Engine.Formats.Images;

/// <summary>Image file formats the engine writes.</summary>
public enum ImageFormat
{
    /// <summary>Binary grayscale PGM (P5).</summary>
    Pgm,

    /// <summary>8-bit grayscale PNG.</summary>
    Png,

    /// <summary>Binary bitmap PBM (P4), set pixels as 1: the Benchmarks Game's output.</summary>
    Pbm,
}
