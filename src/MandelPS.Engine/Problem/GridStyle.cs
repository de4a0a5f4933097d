namespace MandelPS.Engine.Problem;

/// <summary>How pixel centres are placed on the complex plane.</summary>
public enum GridStyle
{
    /// <summary>x_i = xmin + i*(xmax-xmin)/width, y_j = ymax - j*(ymax-ymin)/height; row 0 on top.</summary>
    Linear,

    /// <summary>The tutorial's pure_python_2.py coordinates, bit for bit, from its size argument.</summary>
    Tutorial,
}
