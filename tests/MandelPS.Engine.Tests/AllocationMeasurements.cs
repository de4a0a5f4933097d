namespace MandelPS.Engine.Tests;

/// <summary>
/// Tests that count the whole process's allocations (GC.GetTotalAllocatedBytes: a stream's rows are
/// produced on several threads) run alone, after the parallel ones: any test running beside them would
/// be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
