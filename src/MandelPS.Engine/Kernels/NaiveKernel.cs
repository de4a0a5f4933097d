using System.Numerics;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Naive — the tutorial's pure_python.py. System.Numerics.Complex values held in arrays, with z[i] and
/// q[i] read from (and z[i] written back to) the arrays on every iteration, and the escape test as
/// abs(z) &gt; 2, which pays for a square root. Teaches: the cost of the obvious code.
/// Scalar equivalent: z = z*z + q; stop when |z| &gt; 2. Not exact: Complex.Abs rounds differently from
/// the reference's |z|^2 &gt; 4, so a few boundary pixels differ (measured, never hidden).
/// Arrays are per row rather than per image, so the lesson holds without 32 bytes per pixel of memory.
/// </summary>
public sealed class NaiveKernel : Kernel
{
    public override string Name => "Naive";

    public override string Technique => "pure_python.py: Complex arrays dereferenced every iteration, abs() > 2 with a square root";

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
                for (var iteration = 0; iteration < job.MaxIterations; iteration++)
                {
                    z[i] = z[i] * z[i] + q[i];
                    if (Complex.Abs(z[i]) > 2.0)
                    {
                        output[i] = iteration;
                        break;
                    }
                }
            }
        }
    }
}
