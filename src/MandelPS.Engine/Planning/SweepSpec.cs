using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>
/// What a user asked for on the command line or in a cmdlet call: kernels (or all) and lists of sizes,
/// iteration limits, precisions and thread counts. <see cref="Expand"/> turns it into one request per
/// combination (the cross product, like hyperfine's --parameter-list), so a sweep is one call.
/// The CLI and the cmdlets both map their parameters onto this, so the mapping is tested once, here.
/// </summary>
public sealed record SweepSpec
{
    public IReadOnlyList<string> Kernels { get; init; } = [];

    /// <summary>Every available kernel; ones that cannot run here, or lack a precision, are skipped with a reason.</summary>
    public bool AllKernels { get; init; }

    public IReadOnlyList<int> Widths { get; init; } = [1000];

    public IReadOnlyList<int> Heights { get; init; } = [1000];

    public IReadOnlyList<int> MaxIterations { get; init; } = [1000];

    public IReadOnlyList<Precision> Precisions { get; init; } = [Precision.Double];

    /// <summary>Thread counts for parallel kernels (null: one per core); other kernels run once, not per count.</summary>
    public IReadOnlyList<int?> Threads { get; init; } = [null];

    public GridStyle Grid { get; init; } = GridStyle.Linear;

    public int TutorialSize { get; init; } = 1000;

    public Viewport Viewport { get; init; } = Viewport.Tutorial;

    public KernelOptions Options { get; init; } = KernelOptions.Default;

    /// <summary>The requests to run, in a stable order (kernel-major), and the kernels skipped with why.</summary>
    public SweepPlan Expand()
    {
        var kernels = ResolveKernels(out var skipped);
        var requests = new List<RenderRequest>();
        foreach (var kernel in kernels)
        {
            foreach (var precision in Distinct(Precisions, nameof(Precisions)))
            {
                if (!kernel.Supports(precision))
                {
                    var reason = $"does not compute in {precision} (supports {string.Join(", ", kernel.Precisions)})";
                    if (!AllKernels)
                    {
                        throw new RequestValidationException("Precision", $"kernel {kernel.Name} {reason}");
                    }

                    skipped.Add(new SkippedKernel(kernel.Name, reason));
                    continue;
                }

                foreach (var threads in kernel.UsesThreads ? Distinct(Threads, nameof(Threads)) : [null])
                foreach (var iterations in Distinct(MaxIterations, nameof(MaxIterations)))
                foreach (var width in Grid == GridStyle.Tutorial ? [0] : Distinct(Widths, nameof(Widths)))
                foreach (var height in Grid == GridStyle.Tutorial ? [0] : Distinct(Heights, nameof(Heights)))
                {
                    var request = new RenderRequest
                    {
                        Kernel = kernel.Name,
                        Viewport = Viewport,
                        Width = Grid == GridStyle.Tutorial ? 1 : width,
                        Height = Grid == GridStyle.Tutorial ? 1 : height,
                        MaxIterations = iterations,
                        Precision = precision,
                        Grid = Grid,
                        TutorialSize = TutorialSize,
                        Options = threads is null ? Options : Options with { DegreeOfParallelism = threads },
                    };
                    request.Validate();
                    requests.Add(request);
                }
            }
        }

        return new SweepPlan(requests, skipped);
    }

    private List<Kernel> ResolveKernels(out List<SkippedKernel> skipped)
    {
        skipped = [];
        if (AllKernels)
        {
            var available = new List<Kernel>();
            foreach (var kernel in KernelRegistry.All)
            {
                if (kernel.Availability.IsAvailable)
                {
                    available.Add(kernel);
                }
                else
                {
                    skipped.Add(new SkippedKernel(kernel.Name, kernel.Availability.Reason ?? "not available"));
                }
            }

            return available;
        }

        if (Kernels.Count == 0)
        {
            throw new RequestValidationException("Kernel", $"name at least one kernel or ask for all; valid names: {string.Join(", ", KernelRegistry.Names)}");
        }

        var named = new List<Kernel>();
        foreach (var name in Kernels)
        {
            var kernel = KernelRegistry.Get(name);
            if (!kernel.Availability.IsAvailable)
            {
                throw new KernelUnavailableException(kernel.Name, kernel.Availability.Reason ?? "not available");
            }

            if (!named.Contains(kernel))
            {
                named.Add(kernel);
            }
        }

        return named;
    }

    private static IEnumerable<TValue> Distinct<TValue>(IReadOnlyList<TValue> values, string name)
    {
        if (values is null || values.Count == 0)
        {
            throw new RequestValidationException(name, "give at least one value");
        }

        return values.Distinct();
    }
}
