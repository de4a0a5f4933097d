namespace MandelPS.Engine.Problem;

/// <summary>How pixels are placed on the complex plane.</summary>
public enum GridStyle
{
    /// <summary>x_i = xmin + i*(xmax-xmin)/width, y_j = ymax - j*(ymax-ymin)/height; row 0 on top.</summary>
    Linear,

    /// <summary>The tutorial's pure_python_2.py coordinates, bit for bit, from its size argument.</summary>
    Tutorial,

    /// <summary>
    /// The Computer Language Benchmarks Game's mandelbrot task: Cr = 2*x/W - 1.5, Ci = 2*y/H - 1.0
    /// (row 0 at Ci = -1), the plane [-1.5-i, 0.5+i]; the viewport is fixed by the task.
    /// </summary>
    BenchmarksGame,
}
