using MandelPS.Engine.Planning;

namespace MandelPS.Engine.Comparison;

/// <summary>
/// A candidate and the plan it is measured against (the same grid; kernel, precision and options may
/// differ), and, in the speedup-versus-loss table, the name of the viewport they share.
/// </summary>
public sealed record ComparisonPair(RenderPlan Candidate, RenderPlan Baseline, string? ViewportName = null);
