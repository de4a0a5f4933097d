using System.Numerics;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// A P4 bitmap of set membership written as it is computed, for the Benchmarks Game task and any
/// bitmap: no counts array, rows packed in parallel and written in order as they finish, so memory is a
/// ring of a few packed rows per thread however large the image. Byte for byte what the counts-based writer gives.
/// </summary>
public static class MembershipBitmap
{
    /// <summary>Rows in flight per thread: slack for a slow row to finish while the others go on, small enough to stay in cache.</summary>
    private const int RowsPerWorker = 16;

    public static void Write(RenderPlan plan, Stream output, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        if (plan.Precision == Precision.Single)
        {
            Write<float>(plan, output, cancellation);
        }
        else
        {
            Write<double>(plan, output, cancellation);
        }
    }

    private static void Write<T>(RenderPlan plan, Stream output, CancellationToken cancellation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = plan.Grid.Coordinates<T>();
        var width = plan.VectorWidth == VectorWidth.None ? AcceleratedWidths.Widest : plan.VectorWidth;
        var rows = new MembershipRows<T>(x, y, plan.MaxIterations, width);
        PbmWriter.WriteHeader(output, plan.Width, plan.Height);
        var threads = Math.Max(1, plan.Kernel.UsesThreads ? plan.Threads : Environment.ProcessorCount);
        OrderedRowStream.Run(plan.Height, rows.RowBytes, threads, threads * RowsPerWorker, rows.PackRow, output.Write, cancellation);
    }
}
