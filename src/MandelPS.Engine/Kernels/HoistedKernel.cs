using System.Numerics;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Hoisted — the tutorial's pure_python_2.py. The same Complex arithmetic as <see cref="NaiveKernel"/>,
/// but z[i] and q[i] are read once into locals before the inner loop instead of on every iteration.
/// Teaches: dereferences in a hot loop cost, even when the arithmetic is unchanged.
/// Not exact, for the same reason as Naive (abs() with a square root).
/// </summary>
public sealed class HoistedKernel : Kernel
{
    public override string Name => "Hoisted";

    public override string Technique => "pure_python_2.py: z[i] and q[i] hoisted into locals, still Complex and abs()";

    public override KernelFamily Family => KernelFamily.Scalar;

    public override bool IsExact => false;

    public override IReadOnlyList<Problem.Precision> Precisions { get; } = [Problem.Precision.Double];

    public override void Compute<T>(KernelJob<T> job)
    {
        var (xs, ys) = ComplexRows.RequireDouble(job);
        var q = new Complex[xs.Length];
        var z = new Complex[xs.Length];
        for (var j = 0; j < ys.Length; j++)
        {
            ComplexRows.Fill(q, z, xs, ys[j]);
            var output = job.Row(j);
            output.Fill(job.MaxIterations);
            for (var i = 0; i < q.Length; i++)
            {
                job.Cancellation.ThrowIfCancellationRequested(); // per pixel: a deep pixel alone can take seconds
                var zi = z[i];
                var qi = q[i];
                for (var iteration = 0; iteration < job.MaxIterations; iteration++)
                {
                    zi = zi * zi + qi;
                    if (Complex.Abs(zi) > 2.0)
                    {
                        output[i] = iteration;
                        break;
                    }
                }
            }
        }
    }
}
