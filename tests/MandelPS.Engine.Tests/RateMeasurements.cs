namespace MandelPS.Engine.Tests;

/// <summary>
/// Tests whose outcome depends on speed run alone: two rates compared (a test beside them on the other core
/// would slow one and not the other), or a long computation under a time limit.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RateMeasurements
{
    public const string Name = "Rate measurements";
}
