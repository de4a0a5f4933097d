using System.Runtime.Intrinsics.X86;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// How many independent orbits a race loop steps side by side: twelve where the JIT has 32 vector
/// registers (AVX-512, at any width), six where it has 16 (AVX2 alone), where twelve orbits' 24 registers
/// of z would spill to memory every step (measured with AVX-512 switched off, one thread, no escape:
/// twelve 1.2-1.8 G it/s against six's 4.2). A type, so each loop is compiled for one count.
/// </summary>
internal interface IOrbitsInFlight
{
    static abstract bool Twelve { get; }
}

internal readonly struct TwelveInFlight : IOrbitsInFlight
{
    public static bool Twelve => true;
}

internal readonly struct SixInFlight : IOrbitsInFlight
{
    public static bool Twelve => false;
}

/// <summary>Which count this process's JIT has the registers for.</summary>
internal static class OrbitsInFlight
{
    /// <summary>True where 32 vector registers are in use (the JIT's answer: DOTNET_EnableAVX512=0 is honoured).</summary>
    public static bool TwelveFit { get; } = Avx512F.VL.IsSupported;

    public static int Default => TwelveFit ? 12 : 6;
}
