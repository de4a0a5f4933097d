namespace MandelPS.Engine.Formats.Images;

/// <summary>Image file formats the engine writes.</summary>
public enum ImageFormat
{
    /// <summary>Binary grayscale PGM (P5): the Grey palette only.</summary>
    Pgm,

    /// <summary>PNG: 8-bit grey with the Grey palette, 8-bit RGB with any other.</summary>
    Png,

    /// <summary>Binary bitmap PBM (P4), set pixels as 1: the Benchmarks Game's output.</summary>
    Pbm,

    /// <summary>Binary RGB pixmap PPM (P6).</summary>
    Ppm,
}
