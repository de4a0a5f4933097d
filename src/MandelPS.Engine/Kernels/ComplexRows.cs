using System.Numerics;

namespace MandelPS.Engine.Kernels;

/// <summary>Row setup shared by the two Complex-based kernels (they only exist in double).</summary>
internal static class ComplexRows
{
    public static (double[] X, double[] Y) RequireDouble<T>(KernelJob<T> job)
    {
        if (typeof(T) != typeof(double))
        {
            throw new NotSupportedException("System.Numerics.Complex kernels compute in double precision only.");
        }

        return ((double[])(object)job.X, (double[])(object)job.Y);
    }

    /// <summary>q = x + i*y for one row, z = 0 (the tutorial's z = [0+0j] * len(q)).</summary>
    public static void Fill(Complex[] q, Complex[] z, double[] xs, double y)
    {
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = new Complex(xs[i], y);
            z[i] = Complex.Zero;
        }
    }
}
