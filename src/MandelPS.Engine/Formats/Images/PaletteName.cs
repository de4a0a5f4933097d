namespace MandelPS.Engine.Formats.Images;

/// <summary>The colour gradients an image can be drawn in, by name (tab-completed in PowerShell, listed in the CLI's help).</summary>
public enum PaletteName
{
    /// <summary>Deep blue through white to gold: the gradient most Mandelbrot pictures use.</summary>
    Classic,

    /// <summary>8-bit grey, black to white (a grey PNG or PGM).</summary>
    Grey,

    /// <summary>Dark red through orange to pale yellow.</summary>
    Fire,

    /// <summary>Navy through teal to white.</summary>
    Ocean,

    /// <summary>Purple through blue and green to yellow, evenly bright steps (after matplotlib's viridis).</summary>
    Viridis,
}
