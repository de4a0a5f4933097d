using System.Globalization;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels;

/// <summary>The tuning options a kernel may honour, by the name the cmdlets give their parameters.</summary>
public enum OptionName
{
    Threads,
    VectorWidth,
    BlockSize,
    EscapeInterval,
    Device,
    GroupSize,
    Formula,
    EscapeRadius,
}

/// <summary>What a different value of an option changes: only the time, or the counts themselves.</summary>
public enum OptionEffect
{
    /// <summary>Every value gives the same counts; only the speed differs (tiles made with different values still merge).</summary>
    Speed,

    /// <summary>Different values give different counts: a different answer, never mixed (a lossy knob, a formula).</summary>
    Counts,
}

/// <summary>
/// One option a kernel honours, as the kernel declares it: its name, its allowed values, the value used
/// when none is asked for, and whether it changes the counts or only the speed. The plan resolves every
/// declared option once; an option no chosen kernel declares is refused rather than ignored.
/// </summary>
public sealed record KernelOption(OptionName Name, OptionEffect Effect, string Range, string Default)
{
    /// <summary>The default as a number, for whole-number options with a fixed default; null otherwise.</summary>
    public int? DefaultValue { get; init; }

    /// <summary>Worker threads (or processes); default one per core.</summary>
    public static KernelOption Threads(OptionEffect effect = OptionEffect.Speed) =>
        new(OptionName.Threads, effect, Span(KernelOptions.MinThreads, KernelOptions.MaxThreads), "one per core");

    /// <summary>The SIMD register width; default the widest this machine accelerates.</summary>
    public static KernelOption VectorWidth { get; } =
        new(OptionName.VectorWidth, OptionEffect.Speed, "Auto, Bits128, Bits256, Bits512 (accelerated here)", "the widest accelerated here");

    /// <summary>Pixels per cache block.</summary>
    public static KernelOption BlockSize(int measuredBest) =>
        new(OptionName.BlockSize, OptionEffect.Speed, Span(KernelOptions.MinBlockSize, KernelOptions.MaxBlockSize), Text(measuredBest)) { DefaultValue = measuredBest };

    /// <summary>Iterations between escape tests: a lossy knob, so it changes the counts.</summary>
    public static KernelOption EscapeInterval(int measuredBest) =>
        new(OptionName.EscapeInterval, OptionEffect.Counts, Span(KernelOptions.MinEscapeInterval, KernelOptions.MaxEscapeInterval), Text(measuredBest)) { DefaultValue = measuredBest };

    /// <summary>The device a GPU kernel runs on; default the best GPU of its backend.</summary>
    public static KernelOption Device { get; } =
        new(OptionName.Device, OptionEffect.Speed, "an index or name pattern from the device list", "the best GPU");

    /// <summary>Work-items per group on a device.</summary>
    public static KernelOption GroupSize(int preferred) =>
        new(OptionName.GroupSize, OptionEffect.Speed, Span(KernelOptions.MinGroupSize, KernelOptions.MaxGroupSize), $"{Text(preferred)}, or the device's maximum if lower") { DefaultValue = preferred };

    /// <summary>The iteration a formula kernel solves.</summary>
    public static KernelOption Formula { get; } =
        new(OptionName.Formula, OptionEffect.Counts, "z, c, numbers, i, + - * / ^, abs re im conj sqr exp", Formulas.Formula.DefaultText);

    /// <summary>|z| beyond which a formula kernel's orbit escapes.</summary>
    public static KernelOption EscapeRadius { get; } =
        new(OptionName.EscapeRadius, OptionEffect.Counts,
            string.Create(CultureInfo.InvariantCulture, $"{Formulas.Formula.MinEscapeRadius}..{Formulas.Formula.MaxEscapeRadius}"), Text(2));

    private static string Span(int min, int max) => $"{Text(min)}..{Text(max)}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
