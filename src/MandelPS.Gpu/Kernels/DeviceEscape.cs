using System.Numerics;

namespace MandelPS.Gpu.Kernels;

/// <summary>
/// The reference's escape loop as device code (ILGPU compiles calls to it into each kernel): the same
/// operations in the same order as Expanded, with 4 passed in because ILGPU cannot compile the generic
/// conversion Expanded uses to make it.
/// </summary>
internal static class DeviceEscape
{
    public static int Count<T>(T cx, T cy, T four, int maxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T zx = T.Zero, zy = T.Zero;
        var n = 0;
        for (; n < maxIterations; n++)
        {
            var zxNew = (zx * zx - zy * zy) + cx;
            var zyNew = (zx * zy + zy * zx) + cy;
            zx = zxNew;
            zy = zyNew;
            if (zx * zx + zy * zy > four)
            {
                break;
            }
        }

        return n;
    }
}
