using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;

namespace MandelPS.Engine.Tests.Kernels;

/// <summary>
/// The SIMD rows and the race pool read their c from <see cref="CacheAligned{TItem}"/> storage every step;
/// a vector there must start a cache line (a read straddling two lines costs a split load each time),
/// stay where it is (the storage is not moved by the GC), and hold exactly what was written.
/// </summary>
public sealed class CacheAlignedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(1024)]
    public void FirstItem_StartsACacheLine_ForAnyLength(int length)
    {
        // Many at once: the GC hands out buffers at varying offsets, and each must be corrected.
        var buffers = Enumerable.Range(0, 64).Select(_ => new CacheAligned<double>(length)).ToList();
        Assert.All(buffers, b => Assert.Equal(0, CacheAligned<double>.Address(ref b.First) % CacheAligned<double>.LineBytes));
        Assert.All(buffers, b => Assert.Equal(length, b.Span.Length));
    }

    [Fact]
    public void Vectors_StartCacheLines_AndStayPutThroughCollections()
    {
        var buffer = new CacheAligned<Vector512<float>>(12);
        var before = CacheAligned<Vector512<float>>.Address(ref buffer.First);
        for (var k = 0; k < 12; k++)
        {
            buffer.Span[k] = Vector512.Create((float)k);
        }

        _ = Enumerable.Range(0, 1000).Select(i => new byte[1024 + i]).ToList(); // garbage, so the collection has work to move
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        Assert.Equal(before, CacheAligned<Vector512<float>>.Address(ref buffer.First));
        Assert.Equal(0, before % CacheAligned<Vector512<float>>.LineBytes);
        Assert.Equal(Enumerable.Range(0, 12).Select(k => Vector512.Create((float)k)), buffer.Span.ToArray());
    }

    [Fact]
    public void NewStorage_IsZeroed_AndItemsDoNotOverlap()
    {
        var buffer = new CacheAligned<long>(100);
        Assert.All(buffer.Span.ToArray(), v => Assert.Equal(0L, v));
        for (var k = 0; k < buffer.Length; k++)
        {
            buffer.Span[k] = k * 3L;
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(k => k * 3L), buffer.Span.ToArray());
    }

    [Fact]
    public void CopyOf_CopiesTheItems_AndPadsTheRest()
    {
        var copy = CacheAligned<float>.CopyOf(new float[] { 1.5f, -2f, 3f }, 8, padding: 4f);
        Assert.Equal(new[] { 1.5f, -2f, 3f, 4f, 4f, 4f, 4f, 4f }, copy.Span.ToArray());
        Assert.Equal(0, CacheAligned<float>.Address(ref copy.First) % CacheAligned<float>.LineBytes);
        Assert.Equal(new[] { 7.0, 8.0 }, CacheAligned<double>.CopyOf(new[] { 7.0, 8.0 }, 2).Span.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => CacheAligned<double>.CopyOf(new double[3], 2));
    }

    [Fact]
    public void RefusesTypesHoldingReferences_AndNegativeLengths()
    {
        var held = Assert.Throws<InvalidOperationException>(() => new CacheAligned<KeyValuePair<string, int>>());
        Assert.Contains("references", held.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CacheAligned<double>(-1));
    }
}
