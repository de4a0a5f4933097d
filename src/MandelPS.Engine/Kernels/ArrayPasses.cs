using System.Numerics;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// numpy's execution model for the escape-time loop: every iteration is a few whole-array passes
/// (z = z*z + q; done = |z|^2 &gt; 4; q, z, output = where(done, ...)), each touching every element of its
/// arrays, with no per-pixel early exit. Escaped pixels get z = q = 0, so they stay at 0 and never
/// trigger again: the counts equal the reference's exactly.
/// </summary>
internal sealed class ArrayPasses<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _qx, _qy, _zx, _zy;
    private readonly bool[] _done;

    public ArrayPasses(int length)
    {
        _qx = new T[length];
        _qy = new T[length];
        _zx = new T[length];
        _zy = new T[length];
        _done = new bool[length];
    }

    /// <summary>Bytes each pixel needs in the pass arrays.</summary>
    public static int BytesPerPixel => 4 * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + sizeof(bool);

    /// <summary>Solves pixels [start, start+length) of the job, numbered row-major.</summary>
    public void Solve(KernelJob<T> job, int start, int length)
    {
        var qx = _qx.AsSpan(0, length);
        var qy = _qy.AsSpan(0, length);
        var zx = _zx.AsSpan(0, length);
        var zy = _zy.AsSpan(0, length);
        var done = _done.AsSpan(0, length);
        var output = job.Counts.AsSpan(start, length);
        for (var k = 0; k < length; k++)
        {
            var pixel = start + k;
            qx[k] = job.X[pixel % job.Width];
            qy[k] = job.Y[pixel / job.Width];
        }

        zx.Clear();
        zy.Clear();
        output.Fill(job.MaxIterations);
        var four = T.CreateTruncating(4);
        for (var iteration = 0; iteration < job.MaxIterations; iteration++)
        {
            job.Cancellation.ThrowIfCancellationRequested();

            // z = z*z + q
            for (var k = 0; k < length; k++)
            {
                var x = zx[k];
                var y = zy[k];
                zx[k] = (x * x - y * y) + qx[k];
                zy[k] = (x * y + y * x) + qy[k];
            }

            // done = |z|^2 > 4
            for (var k = 0; k < length; k++)
            {
                done[k] = zx[k] * zx[k] + zy[k] * zy[k] > four;
            }

            // q = where(done, 0, q); z = where(done, 0, z); output = where(done, iteration, output)
            for (var k = 0; k < length; k++)
            {
                if (done[k])
                {
                    qx[k] = qy[k] = zx[k] = zy[k] = T.Zero;
                    output[k] = iteration;
                }
            }
        }
    }
}
