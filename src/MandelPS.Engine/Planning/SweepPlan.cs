using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Planning;

/// <summary>A kernel left out of an "all kernels" run, and why (shown as a warning, never silently).</summary>
public sealed record SkippedKernel(string Kernel, string Reason);

/// <summary>The expanded requests of a <see cref="SweepSpec"/>.</summary>
public sealed record SweepPlan(IReadOnlyList<RenderRequest> Requests, IReadOnlyList<SkippedKernel> Skipped);
