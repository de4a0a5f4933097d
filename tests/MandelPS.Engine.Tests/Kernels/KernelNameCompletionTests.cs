using MandelPS.Engine.Kernels;

namespace MandelPS.Engine.Tests.Kernels;

public sealed class KernelNameCompletionTests
{
    [Theory]
    [InlineData("", new[] { "Naive", "Hoisted", "Expanded", "VectorWhole", "VectorBlocked", "Simd", "Parallel", "ParallelSimd", "MultiProcess",
        "LazyEscape", "FusedMultiplyAdd", "ParallelUnsynchronized", "DoubleDouble",
        "BuddhabrotPrivate", "BuddhabrotInterlocked", "BuddhabrotLocked", "BuddhabrotUnsynchronized",
        "FormulaInterpreted", "FormulaSpecialized", "FormulaCompiled", "FormulaVectorized" })]
    [InlineData("par", new[] { "Parallel", "ParallelSimd", "ParallelUnsynchronized" })]
    [InlineData("'Vec", new[] { "VectorWhole", "VectorBlocked" })]
    [InlineData("*simd", new[] { "Simd", "ParallelSimd" })]
    [InlineData("?aive", new[] { "Naive" })]
    [InlineData("Quantum", new string[0])]
    public void Complete_OffersMatchingRegistryNames_InLadderOrder(string typed, string[] expected) =>
        Assert.Equal(expected, KernelNameCompletion.Complete(typed));

    [Theory]
    [InlineData("ParallelSimd", "P*d", true)]
    [InlineData("ParallelSimd", "*L*S*", true)]
    [InlineData("Simd", "S?md", true)]
    [InlineData("Simd", "Sim", false)]
    [InlineData("Simd", "*Simd*", true)]
    [InlineData("Naive", "N*e*x", false)]
    public void Wildcard_MatchesStarAndQuestionMark_IgnoringCase(string text, string pattern, bool expected) =>
        Assert.Equal(expected, Wildcard.IsMatch(text, pattern));
}
