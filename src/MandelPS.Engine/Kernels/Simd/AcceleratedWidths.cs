using System.Runtime.Intrinsics;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// Which SIMD widths this process really accelerates (the JIT's answer, so DOTNET_EnableAVX512F=0 and
/// the like are honoured). The plan resolves every SIMD request here, once.
/// </summary>
public static class AcceleratedWidths
{
    /// <summary>The accelerated widths, widest first.</summary>
    public static IReadOnlyList<VectorWidth> All { get; } = Detect();

    /// <summary>The widest accelerated width, or None where no vector width is accelerated.</summary>
    public static VectorWidth Widest => All.Count > 0 ? All[0] : VectorWidth.None;

    public static bool IsAccelerated(VectorWidth width) => All.Contains(width);

    private static VectorWidth[] Detect()
    {
        var widths = new List<VectorWidth>();
        if (Vector512.IsHardwareAccelerated) widths.Add(VectorWidth.Bits512);
        if (Vector256.IsHardwareAccelerated) widths.Add(VectorWidth.Bits256);
        if (Vector128.IsHardwareAccelerated) widths.Add(VectorWidth.Bits128);
        return [.. widths];
    }
}
