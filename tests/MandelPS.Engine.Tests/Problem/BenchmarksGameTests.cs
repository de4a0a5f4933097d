using MandelPS.Engine.Planning;
using MandelPS.Engine.Rendering;
using System.Text;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Problem;

/// <summary>The Benchmarks Game mandelbrot task, reproduced byte for byte.</summary>
public sealed class BenchmarksGameTests
{
    private static byte[] Pbm(int n, string kernel = "ParallelSimd")
    {
        var plan = new RequestSpec { Preset = RenderPreset.BenchmarksGame, Size = n, Kernel = [kernel] }.PlanOne();
        using var stream = new MemoryStream();
        ImageWriter.Write(PreparedRender.RunOnce(plan), stream, ImageFormat.Pbm);
        return stream.ToArray();
    }

    [Fact]
    public void N8_IsTheBitmapDerivedByHand()
    {
        // Cr = 2x/8 - 1.5 = -1.5, -1.25, ..., 0.25; Ci = 2y/8 - 1 = -1, -0.75, ..., 0.75.
        // Row 0 (Ci = -1): only c = -i (x = 6) stays bounded (orbit -i, -1-i, i, -1-i, ...): 0000_0010.
        // Row 4 (Ci = 0): every c in [-1.5, 0.25] is in the set (the real segment is [-2, 1/4]): 1111_1111.
        // The other rows were iterated with the task's own loop (50 iterations, Tr + Ti <= 4).
        var expected = Encoding.ASCII.GetBytes("P4\n8 8\n").Concat(new byte[] { 0x02, 0x00, 0x0F, 0x2F, 0xFF, 0x2F, 0x0F, 0x00 });
        Assert.Equal(expected, Pbm(8));
    }

    [Fact]
    public void N64_HasTheTaskInvariants()
    {
        const int n = 64;
        var bytes = Pbm(n);
        var header = $"P4\n{n} {n}\n";
        Assert.Equal(header, Encoding.ASCII.GetString(bytes, 0, header.Length));
        Assert.Equal(header.Length + n * n / 8, bytes.Length);

        var rows = Enumerable.Range(0, n).Select(y => bytes.AsSpan(header.Length + y * n / 8, n / 8).ToArray()).ToArray();
        // N is a power of two, so Ci(N - y) = -Ci(y) exactly and the set's symmetry is exact.
        for (var y = 1; y < n; y++)
        {
            Assert.Equal(rows[y], rows[n - y]);
        }

        static bool InSet(byte[] row, int x) => (row[x >> 3] & (0x80 >> (x & 7))) != 0;
        Assert.True(InSet(rows[n / 2], 3 * n / 4)); // c = 0
        Assert.True(InSet(rows[n / 2], 0));         // c = -1.5
        Assert.False(InSet(rows[0], 0));            // c = -1.5 - i
        Assert.False(InSet(rows[n / 2], n - 1));    // c = 0.46875, right of the cusp at 1/4
    }

    [Fact]
    public void Preset_RunsTheFastestExactKernel_WhenNoneIsNamed()
    {
        Assert.Equal("ParallelSimd", RenderPresets.DefaultKernel(RenderPreset.BenchmarksGame));
        Assert.Equal(RenderRequest.DefaultKernel, RenderPresets.DefaultKernel(RenderPreset.None));
        Assert.True(Engine.Kernels.KernelRegistry.Get(RenderPresets.DefaultKernel(RenderPreset.BenchmarksGame)).IsExact);
    }

    [Fact]
    public void OddN_PadsEachRowToWholeBytes_AndAllExactKernelsAgree()
    {
        var reference = Pbm(13, "Expanded");
        Assert.Equal("P4\n13 13\n".Length + 13 * 2, reference.Length);
        foreach (var kernel in new[] { "Simd", "ParallelSimd", "Parallel", "VectorBlocked" })
        {
            Assert.Equal(reference, Pbm(13, kernel));
        }
    }
}
