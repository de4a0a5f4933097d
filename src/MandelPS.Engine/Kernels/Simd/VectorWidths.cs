using MandelPS.Engine.Errors;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Kernels.Simd;

/// <summary>The one place a SIMD width asked for becomes the width that runs: Auto is the widest accelerated here, anything else must be accelerated.</summary>
public static class VectorWidths
{
    /// <summary>The width that runs for <paramref name="requested"/>, or an error naming <paramref name="kernel"/> and what is accelerated here.</summary>
    public static VectorWidth Resolve(VectorWidth requested, string kernel)
    {
        var accelerated = AcceleratedWidths.All.Count == 0 ? "none" : string.Join(", ", AcceleratedWidths.All);
        if (requested == VectorWidth.None)
        {
            throw MandelPSException.Invalid("VectorWidth", $"{kernel} runs on SIMD registers; allowed: Auto or an accelerated width ({accelerated})", requested);
        }

        var width = requested == VectorWidth.Auto ? AcceleratedWidths.Widest : requested;
        if (!AcceleratedWidths.IsAccelerated(width))
        {
            var what = width == VectorWidth.None ? "no vector width is" : $"{width} vectors are";
            throw new MandelPSException(ErrorKind.KernelUnavailable, "VectorWidth", $"{kernel} cannot run: {what} not hardware-accelerated on this machine (accelerated here: {accelerated})", kernel);
        }

        return width;
    }
}
