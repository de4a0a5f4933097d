using System.Numerics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// One way of solving the escape-time problem. A kernel fills escape counts for a planned job and states
/// what it can do (precisions, options it honours, whether it runs here); validation, the grid, timing
/// and summaries belong to the plan and the engine, so kernels stay small.
/// </summary>
public abstract class Kernel
{
    private static readonly Precision[] BothPrecisions = [Precision.Double, Precision.Single];

    /// <summary>The registry name users type (case-insensitive).</summary>
    public abstract string Name { get; }

    /// <summary>The technique demonstrated, in one line.</summary>
    public abstract string Technique { get; }

    public abstract KernelFamily Family { get; }

    /// <summary>True if the counts must equal the reference kernel's bit for bit.</summary>
    public abstract bool IsExact { get; }

    public virtual IReadOnlyList<Precision> Precisions => BothPrecisions;

    public virtual KernelAvailability Availability => KernelAvailability.Available;

    /// <summary>Extra working memory per pixel beyond the counts, for the out-of-memory check.</summary>
    public virtual int WorkingBytesPerPixel => 0;

    /// <summary>
    /// The options this kernel honours, with their ranges, defaults and effect (speed or counts). The plan
    /// resolves exactly these; an option asked of a kernel that does not declare it is refused.
    /// </summary>
    public virtual IReadOnlyList<KernelOption> Options => [];

    /// <summary>The declaration of <paramref name="name"/>, or null when this kernel does not honour it.</summary>
    public KernelOption? Option(OptionName name) => Options.FirstOrDefault(o => o.Name == name);

    public bool Honours(OptionName name) => Option(name) is not null;

    /// <summary>True if the kernel runs on SIMD registers (it honours VectorWidth).</summary>
    public bool UsesSimd => Honours(OptionName.VectorWidth);

    /// <summary>True if the kernel spreads rows over threads or processes (it honours Threads).</summary>
    public bool UsesThreads => Honours(OptionName.Threads);

    /// <summary>
    /// True if a bitmap of set membership (PBM) can come from this kernel's own loops without counts
    /// (<see cref="Rendering.MembershipBitmap"/>): bits packed as rows finish, memory a few rows a thread.
    /// </summary>
    public virtual bool HasMembershipPath => false;

    /// <summary>
    /// For a deliberately fast-and-wrong variant, the exact kernel it is measured against (speedup and
    /// loss side by side); null for every other kernel. Such variants never run unless named or asked
    /// for with IncludeLossy.
    /// </summary>
    public virtual string? Twin => null;

    /// <summary>True for the escape-time ladder that -All measures; false for fast-and-wrong variants and other experiments.</summary>
    public virtual bool InLadder => Twin is null;

    /// <summary>The kernel whose counts this kernel's correctness gate compares with (Expanded for escape-time kernels).</summary>
    public virtual string Reference => RenderRequest.DefaultKernel;

    /// <summary>False when repeated runs may give different counts (unsynchronised shared data): loss is then measured on every run.</summary>
    public virtual bool IsDeterministic => true;

    /// <summary>
    /// Where this kernel runs for this request, decided while planning: the device (the request's Device
    /// option picks one for device kernels) with the group size it allows, whether the kernel is exact
    /// there (for its precision and formula), and whether it can run. CPU kernels run on the host CPU,
    /// exact as declared, whenever <see cref="Availability"/> allows.
    /// </summary>
    public virtual KernelTarget TargetFor(RenderRequest request) =>
        new(null, KernelTarget.HostDevice, IsExact, Availability);

    /// <summary>
    /// True if a pixel's count depends on its own coordinates alone, so any band of rows computes exactly as
    /// in a whole render (streaming, tiles, child processes); false where every sample adds to the whole image.
    /// </summary>
    public virtual bool IsRowLocal => true;

    public bool Supports(Precision precision) => Precisions.Contains(precision);

    /// <summary>Fills job.Counts. Implementations check job.Cancellation at least once per pixel group.</summary>
    public abstract void Compute<T>(KernelJob<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>;

    public override string ToString() => Name;
}
