using System.Diagnostics;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// How long some runs took by two clocks: the wall clock, and the CPU time the process spent meanwhile
/// (user and system, every thread). On a shared machine a neighbour's load stretches the first more
/// than the second, so a gate can be decided by either.
/// </summary>
public readonly record struct RunTime(double WallMs, double CpuMs)
{
    public static RunTime operator +(RunTime a, RunTime b) => new(a.WallMs + b.WallMs, a.CpuMs + b.CpuMs);

    /// <summary>This process's CPU time so far, in ms.</summary>
    public static double ProcessCpuMs()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }
}
