using MandelPS.Engine.Rendering;

namespace MandelPS.Engine.Tests.Rendering;

/// <summary>Rows finished out of order by several threads come out in order, within the window, and failures stop everything.</summary>
public sealed class OrderedRowStreamTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1000, 4, 3)]
    [InlineData(777, 3, 1)]
    [InlineData(64, 8, 64)]
    [InlineData(5, 4, 100)]
    public void RowsArriveInOrder_NeverMoreThanTheWindowInFlight(int rows, int threads, int window)
    {
        var consumed = new List<int>();
        var started = 0;
        var consumedCount = 0;
        var mostOutstanding = 0; // rows begun but not yet consumed: what the ring must hold
        OrderedRowStream.Run(
            rows,
            rowBytes: 4,
            threads,
            window,
            (row, bytes) =>
            {
                InterlockedMax(ref mostOutstanding, Interlocked.Increment(ref started) - Volatile.Read(ref consumedCount));
                // Rows of uneven cost, so threads overtake one another.
                Thread.SpinWait((row * 7919 % 13) * 200);
                BitConverter.TryWriteBytes(bytes, row);
            },
            run =>
            {
                Assert.Equal(0, run.Length % 4);
                for (var k = 0; k < run.Length; k += 4)
                {
                    consumed.Add(BitConverter.ToInt32(run[k..]));
                    Interlocked.Increment(ref consumedCount);
                }
            },
            CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, rows), consumed);
        Assert.True(mostOutstanding <= Math.Min(window, rows), $"{mostOutstanding} rows were begun before the ones ahead of them were written");
    }

    [Fact]
    public void AFailingRow_StopsTheOthers_AndItsExceptionIsThrown()
    {
        var produced = 0;
        var error = Assert.Throws<InvalidOperationException>(() => OrderedRowStream.Run(
            100_000, 1, 3, 6,
            (row, _) =>
            {
                Interlocked.Increment(ref produced);
                if (row == 50)
                {
                    throw new InvalidOperationException("row 50");
                }
            },
            _ => { },
            CancellationToken.None));

        Assert.Equal("row 50", error.Message);
        Assert.True(produced < 1000, $"{produced} rows were still computed after the failure");
    }

    [Fact]
    public void AFailingConsumer_StopsTheWorkers_AndItsExceptionIsThrown()
    {
        var error = Assert.Throws<IOException>(() => OrderedRowStream.Run(
            100_000, 1, 2, 4, (_, _) => { }, _ => throw new IOException("disk full"), CancellationToken.None));
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public void Cancellation_StopsPromptly_UnderTheCallersToken()
    {
        using var cancel = new CancellationTokenSource();
        var produced = 0;
        var error = Assert.ThrowsAny<OperationCanceledException>(() => OrderedRowStream.Run(
            1_000_000, 1, 2, 8,
            (row, _) =>
            {
                if (Interlocked.Increment(ref produced) == 100)
                {
                    cancel.Cancel();
                }
            },
            _ => { },
            cancel.Token));
        Assert.True(produced < 10_000, $"{produced} rows were computed after cancellation");
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
