namespace MandelPS.Engine.Problem;

/// <summary>
/// The coordinates of a request's pixels: each pixel's c is where the tutorial's loops put it (for a
/// Linear grid the pixel's top-left corner, x_i = xmin + i*dx, not its centre). Every grid style is
/// separable (x depends only on the column, y only on the row), so a grid is two coordinate vectors;
/// pixel (i, j) is c = X[i] + i*Y[j], row-major.
/// </summary>
public sealed class PixelGrid
{
    private float[]? _xSingle;
    private float[]? _ySingle;

    private PixelGrid(double[] x, double[] y)
    {
        X = x;
        Y = y;
    }

    public int Width => X.Length;

    public int Height => Y.Length;

    public long PixelCount => (long)X.Length * Y.Length;

    /// <summary>Real parts, one per column.</summary>
    public double[] X { get; }

    /// <summary>Imaginary parts, one per row (row 0 on top).</summary>
    public double[] Y { get; }

    /// <summary>The coordinates rounded to T (double: as is; float: each double rounded to nearest).</summary>
    public (T[] X, T[] Y) Coordinates<T>()
    {
        if (typeof(T) == typeof(double))
        {
            return ((T[])(object)X, (T[])(object)Y);
        }

        if (typeof(T) == typeof(float))
        {
            _xSingle ??= Array.ConvertAll(X, v => (float)v);
            _ySingle ??= Array.ConvertAll(Y, v => (float)v);
            return ((T[])(object)_xSingle, (T[])(object)_ySingle);
        }

        throw new NotSupportedException($"Coordinates of type {typeof(T).Name} are not supported.");
    }

    /// <summary>
    /// Rows first..first+count-1 of this grid: the same column vector and a slice of the row vector, so a
    /// band computes on coordinates bit-identical to the whole grid's (the grids are separable).
    /// </summary>
    public PixelGrid Rows(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + (long)count, Height, nameof(count));
        return first == 0 && count == Height ? this : new PixelGrid(X, Y.AsSpan(first, count).ToArray());
    }

    /// <summary>Builds the grid a validated request describes.</summary>
    public static PixelGrid For(RenderRequest request) => request.Grid switch
    {
        GridStyle.Tutorial => Tutorial(request.TutorialSize),
        GridStyle.BenchmarksGame => BenchmarksGame(request.Width, request.Height),
        _ => Linear(request.Viewport, request.Width, request.Height),
    };

    /// <summary>x_i = xmin + i*(xmax-xmin)/width; y_j = ymax - j*(ymax-ymin)/height (left to right, as written).</summary>
    public static PixelGrid Linear(Viewport viewport, int width, int height)
    {
        var x = new double[width];
        var spanX = viewport.XMax - viewport.XMin;
        for (var i = 0; i < width; i++)
        {
            x[i] = viewport.XMin + i * spanX / width;
        }

        var y = new double[height];
        var spanY = viewport.YMax - viewport.YMin;
        for (var j = 0; j < height; j++)
        {
            y[j] = viewport.YMax - j * spanY / height;
        }

        return new PixelGrid(x, y);
    }

    /// <summary>The Benchmarks Game's coordinates exactly as its programs write them: 2.0*x/N - 1.5, 2.0*y/N - 1.0.</summary>
    public static PixelGrid BenchmarksGame(int width, int height)
    {
        var x = new double[width];
        for (var i = 0; i < width; i++)
        {
            x[i] = 2.0 * i / width - 1.5;
        }

        var y = new double[height];
        for (var j = 0; j < height; j++)
        {
            y[j] = 2.0 * j / height - 1.0;
        }

        return new PixelGrid(x, y);
    }

    /// <summary>
    /// pure_python_2.py's grid for size argument w: steps of (x2-x1)/w*2, accumulated by repeated
    /// addition exactly as the Python loops do, so the rounding drift matches bit for bit.
    /// </summary>
    public static PixelGrid Tutorial(int size)
    {
        var (x1, x2, y1, y2) = (Viewport.Tutorial.XMin, Viewport.Tutorial.XMax, Viewport.Tutorial.YMin, Viewport.Tutorial.YMax);
        var xStep = (x2 - x1) / size * 2;
        var yStep = (y1 - y2) / size * 2;

        var y = new List<double>();
        for (var ycoord = y2; ycoord > y1; ycoord += yStep)
        {
            y.Add(ycoord);
        }

        var x = new List<double>();
        for (var xcoord = x1; xcoord < x2; xcoord += xStep)
        {
            x.Add(xcoord);
        }

        return new PixelGrid(x.ToArray(), y.ToArray());
    }
}
