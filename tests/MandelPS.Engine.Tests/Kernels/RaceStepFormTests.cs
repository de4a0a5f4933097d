using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The race pool takes whichever step form races faster on the machine (<see cref="RaceStepForms"/>): each form's
/// fastest pass decides, as a shared machine's neighbour makes some passes slow, and the two forms are timed
/// alternately so a slow spell falls on both.
/// </summary>
public sealed class RaceStepFormTests
{
    [Fact]
    public void TheFormWithTheFastestPassWins_HoweverSlowItsOtherPasses()
    {
        // Mixed is slower on every pass but one (a neighbour's load), and that one is the fastest of all.
        var mixedPasses = 0;
        Assert.True(RaceStepForms.MixedIsFaster(mixed => mixed ? (++mixedPasses == 4 ? 90 : 300) : 100));

        // A form a tick slower on every pass loses.
        Assert.False(RaceStepForms.MixedIsFaster(mixed => mixed ? 101 : 100));
        Assert.True(RaceStepForms.MixedIsFaster(mixed => mixed ? 100 : 101));
    }

    [Fact]
    public void BothFormsAreTimedAlternately_AfterAnUntimedRunOfEach()
    {
        var order = new List<bool>();
        RaceStepForms.MixedIsFaster(mixed =>
        {
            order.Add(mixed);
            return 1;
        });

        Assert.Equal(order.Count(m => m), order.Count(m => !m));
        Assert.True(order.Count >= 6);
        Assert.All(Enumerable.Range(1, order.Count - 1), i => Assert.NotEqual(order[i - 1], order[i]));
    }
}
