using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>
/// What a plan solves and how, as one value: the problem and the kernel's resolved settings. Tiles,
/// reference caches, saved-set comparisons and regression gates match on it; every output row copies
/// its columns (<see cref="RequestColumns"/>).
/// </summary>
public sealed class RequestIdentity : RequestColumns
{
    private RequestIdentity()
    {
    }

    /// <summary>
    /// The problem and the kernel's settings that change its counts, not those that change only its speed
    /// (Kernel.Options says which): tiles with equal keys hold the same counts row for row, whatever
    /// thread count or vector width each machine ran.
    /// </summary>
    public string CountsKey { get; private init; } = "";

    /// <summary>The identity of a plan: its request resolved against its kernel and this machine.</summary>
    internal static RequestIdentity Of(RenderRequest request, Kernel kernel, KernelSettings settings, int width, int height)
    {
        var preset = request.Grid == GridStyle.BenchmarksGame;
        var identity = new RequestIdentity
        {
            Kernel = kernel.Name,
            Grid = request.Grid.ToString(),
            Preset = preset ? nameof(RenderPreset.BenchmarksGame) : null,
            Size = preset ? request.Width : null,
            TutorialSize = request.Grid == GridStyle.Tutorial ? request.TutorialSize : null,
            Viewport = request.Grid == GridStyle.Linear ? request.Viewport.ToString() : null,
            Width = width,
            Height = height,
            MaxIterations = request.MaxIterations,
            Precision = request.Precision.ToString(),
            Formula = Formulas.Formula.Parse(request.Formula, request.EscapeRadius).Text,
            EscapeRadius = request.EscapeRadius,
            Threads = settings.Threads,
            VectorWidth = settings.VectorWidth?.ToString(),
            BlockSize = settings.BlockSize,
            EscapeInterval = settings.EscapeInterval,
            Device = settings.Device,
            GroupSize = settings.GroupSize,
        };
        return new RequestIdentity(identity)
        {
            CountsKey = identity.SettingsText(o => kernel.Option(o)?.Effect == OptionEffect.Counts) is { Length: > 0 } counting
                ? $"{kernel.Name}|{identity.ProblemKey}|{counting}"
                : $"{kernel.Name}|{identity.ProblemKey}",
        };
    }

    private RequestIdentity(RequestColumns columns)
        : base(columns)
    {
    }

    public override string ToString() => RequestKey;
}
