using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// A P4 bitmap of set membership written as it is computed, for the Benchmarks Game task and any
/// bitmap: no counts array, rows packed on the kernel's threads and written in order as they finish, so
/// memory is a ring of a few packed rows per thread however large the image. Byte for byte what the counts-based writer gives.
/// </summary>
public static class MembershipBitmap
{
    /// <summary>Rows in flight per thread: slack for a slow row to finish while the others go on, small enough to stay in cache.</summary>
    private const int RowsPerWorker = 16;

    /// <summary>Progress reports in a whole image: often enough for a bar, rarely enough to cost nothing.</summary>
    private const int ProgressSteps = 100;

    /// <summary>True where a bitmap in <paramref name="format"/> comes from the plan's kernel's membership loops: a PBM from a kernel that has them.</summary>
    public static bool Serves(RenderPlan plan, ImageFormat? format)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return format == ImageFormat.Pbm && plan.Kernel.HasMembershipPath;
    }

    /// <summary>The same written to a file through a temporary one (never half-written); the summary names the file.</summary>
    /// <param name="plan">The render; its kernel must have a membership path.</param>
    /// <param name="path">The file; an existing one is replaced only with <paramref name="overwrite"/>.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="progress">Told "rows i of n" about every hundredth of the image, or null.</param>
    /// <param name="parameter">The host's name for the path, for its errors.</param>
    /// <param name="cancellation">Stops every thread; the temporary file is deleted.</param>
    public static RenderSummary Write(RenderPlan plan, string path, bool overwrite, Action<MeasurementProgress>? progress = null,
        string parameter = "Path", CancellationToken cancellation = default)
    {
        var fullPath = Path.GetFullPath(path);
        RenderSummary? summary = null;
        SafeFile.Write(path, overwrite, stream => summary = Write(plan, stream, fullPath, progress, cancellation), parameter);
        return summary!;
    }

    /// <summary>
    /// Writes the plan's bitmap to <paramref name="output"/> with the plan's kernel's membership loops, on
    /// its threads (one for Simd), and returns the summary: pixels in the set, no validation sum (there are no counts).
    /// </summary>
    /// <param name="plan">The render; its kernel must have a membership path (<see cref="Kernels.Kernel.HasMembershipPath"/>).</param>
    /// <param name="output">Receives the header and the packed rows, in order.</param>
    /// <param name="path">The file written, for the summary; null for a stream.</param>
    /// <param name="progress">Told "rows i of n" about every hundredth of the image, or null.</param>
    /// <param name="cancellation">Stops every thread between rows.</param>
    public static RenderSummary Write(RenderPlan plan, Stream output, string? path = null, Action<MeasurementProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        if (!plan.Kernel.HasMembershipPath)
        {
            throw new ArgumentException($"{plan.Kernel.Name} has no membership path: render its counts into the bitmap instead.", nameof(plan));
        }

        return plan.Precision == Precision.Single
            ? Write<float>(plan, output, path, progress, cancellation)
            : Write<double>(plan, output, path, progress, cancellation);
    }

    private static RenderSummary Write<T>(RenderPlan plan, Stream output, string? path, Action<MeasurementProgress>? progress, CancellationToken cancellation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var clock = Stopwatch.StartNew();
        var (x, y) = plan.Grid.Coordinates<T>();
        var rows = new MembershipRows<T>(x, y, plan.MaxIterations, plan.VectorWidth, cancellation: cancellation);
        PbmWriter.WriteHeader(output, plan.Width, plan.Height);
        var written = 0;
        var reported = 0; // the first report at 1%: at most ProgressSteps - 1, none at 100%
        long inSet = 0;
        var description = $"{plan.Kernel.Name}, membership rows";
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Consume(ReadOnlySpan<byte> packed)
        {
            output.Write(packed);
            inSet += SetBits(packed); // the padding bits of each row's last byte are zero
            written += packed.Length / rows.RowBytes;
            var step = (int)((long)written * ProgressSteps / plan.Height);
            if (progress is not null && step != reported && written < plan.Height)
            {
                reported = step;
                progress(new MeasurementProgress(written, plan.Height, description, clock.Elapsed));
            }
        }

        OrderedRowStream.Run(plan.Height, rows.RowBytes, plan.Threads, plan.Threads * RowsPerWorker, rows.PackRow, Consume, cancellation);
        return RenderSummary.FromMembership(plan, inSet, clock.Elapsed, path, $"Membership{rows.Path} 100%");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long SetBits(ReadOnlySpan<byte> bytes)
    {
        long count = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
        {
            count += BitOperations.PopCount(b);
        }

        return count;
    }
}
