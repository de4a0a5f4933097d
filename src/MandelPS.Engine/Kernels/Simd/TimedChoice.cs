namespace MandelPS.Engine.Kernels.Simd;

/// <summary>Chooses between two ways of running the same work on this machine by timing both, once per process.</summary>
internal static class TimedChoice
{
    // Timed passes of each way, alternating: the fastest of each counts, as a short pass caught by a neighbour
    // on a shared machine reads slow. On an Intel Xeon with AVX2, the race pool's plain step form's best pass was
    // 1.2-2.2% shorter than the mixed form's in each of 11 processes.
    private const int Passes = 9;

    /// <summary>
    /// True if the second way ran faster: <paramref name="pass"/> runs the work once the way given (false: the
    /// first, true: the second) and returns its <see cref="System.Diagnostics.Stopwatch"/> ticks, scaled to equal
    /// work where the two ways' passes differ. Each way runs once untimed first (its compile).
    /// </summary>
    public static bool SecondIsFaster(Func<bool, long> pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        pass(false);
        pass(true);
        var (first, second) = (long.MaxValue, long.MaxValue);
        for (var p = 0; p < Passes; p++)
        {
            first = Math.Min(first, pass(false));
            second = Math.Min(second, pass(true));
        }

        return second < first;
    }
}
