using System.Numerics;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// A P4 bitmap of set membership written as it is computed, for the Benchmarks Game task and any
/// bitmap: no counts array, rows packed in parallel a band at a time and written in order, so memory is
/// one band of packed rows however large the image. Byte for byte what the counts-based writer gives.
/// </summary>
public static class MembershipBitmap
{
    /// <summary>Rows per band per worker: enough to keep every core busy between writes, small enough to stay in cache.</summary>
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
        var bandRows = threads * RowsPerWorker;
        var band = new byte[bandRows * rows.RowBytes];
        for (var first = 0; first < plan.Height; first += bandRows)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(bandRows, plan.Height - first);
            var start = first;
            RowScheduler.Run(count, threads, k => rows.PackRow(start + k, band.AsSpan(k * rows.RowBytes, rows.RowBytes)), cancellation);
            output.Write(band, 0, count * rows.RowBytes);
        }
    }
}
