using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// Rows produced by several threads in whatever order they finish and consumed strictly in order, at most
/// <c>window</c> rows in flight: memory is a ring of rows, whatever the image's height. Every thread pulls
/// the next row from a shared counter, so no core idles while another finishes a band; the calling thread
/// is one of them and, between its rows, hands each run of finished rows to the consumer (no thread of
/// its own to wake for that, which on a machine of few cores would take time from the workers).
/// </summary>
internal sealed class OrderedRowStream : IDisposable
{
    /// <summary>Fills one row's bytes.</summary>
    public delegate void ProduceRow(int row, Span<byte> bytes);

    /// <summary>Takes a run of finished rows, in order.</summary>
    public delegate void ConsumeRows(ReadOnlySpan<byte> rows);

    private readonly int _rows;
    private readonly int _rowBytes;
    private readonly int _window;
    private readonly byte[] _ring;
    private readonly int[] _finished;
    private readonly ProduceRow _produce;
    private readonly SemaphoreSlim _free;
    private readonly SemaphoreSlim _ready = new(0);
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _stop;
    private int _next = -1;
    private Exception? _failure;

    private OrderedRowStream(int rows, int rowBytes, int window, ProduceRow produce, CancellationToken cancellation)
    {
        _rows = rows;
        _rowBytes = rowBytes;
        _window = Math.Max(1, Math.Min(window, rows));
        _ring = new byte[(long)_window * rowBytes];
        _finished = new int[_window];
        Array.Fill(_finished, -1);
        _produce = produce;
        _free = new SemaphoreSlim(_window);
        _cancellation = cancellation;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    }

    /// <param name="rows">How many rows, numbered from 0.</param>
    /// <param name="rowBytes">Bytes a row takes in the ring.</param>
    /// <param name="threads">Threads computing rows, the calling thread included.</param>
    /// <param name="window">Rows in flight at most (the ring's size): a few per thread.</param>
    /// <param name="produce">Fills row j's bytes; called on any of the threads.</param>
    /// <param name="consume">Takes finished rows in order, a run of whole rows at a time; called on the calling thread.</param>
    /// <param name="cancellation">Stops every thread between rows.</param>
    public static void Run(int rows, int rowBytes, int threads, int window, ProduceRow produce, ConsumeRows consume, CancellationToken cancellation)
    {
        if (rows <= 0)
        {
            return;
        }

        using var stream = new OrderedRowStream(rows, rowBytes, window, produce, cancellation);
        stream.Run(Math.Max(1, Math.Min(threads, rows)), consume);
    }

    public void Dispose()
    {
        _free.Dispose();
        _ready.Dispose();
        _stop.Dispose();
    }

    private void Run(int threads, ConsumeRows consume)
    {
        var helpers = new List<Thread>(threads - 1);
        try
        {
            for (var w = 1; w < threads; w++)
            {
                var helper = new Thread(Help) { IsBackground = true, Name = $"MandelPS rows {w}" };
                helper.Start();
                helpers.Add(helper);
            }

            var written = 0;
            var claiming = true;
            while (written < _rows)
            {
                written = Drain(written, consume);
                if (written == _rows)
                {
                    break;
                }

                if (claiming && _free.Wait(0))
                {
                    claiming = ProduceNext();
                }
                else
                {
                    _ready.Wait(_stop.Token); // the next row in order is a helper's: wait for any row to finish
                }
            }
        }
        catch (OperationCanceledException) when (_failure is not null)
        {
            // A helper failed: its exception, not the cancellation it caused, is the error (thrown below).
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The caller's cancellation, under the caller's token (not this stream's linked one).
            Interlocked.CompareExchange(ref _failure, new OperationCanceledException(_cancellation), null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _failure, error, null);
        }
        finally
        {
            _stop.Cancel();
            foreach (var helper in helpers)
            {
                helper.Join();
            }
        }

        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }
    }

    /// <summary>Hands the consumer every finished row from <paramref name="written"/> on, in runs; returns the next row to write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Drain(int written, ConsumeRows consume)
    {
        while (written < _rows && Volatile.Read(ref _finished[written % _window]) == written)
        {
            // A run stops at the ring's end; the next one starts at slot 0.
            var first = written % _window;
            var count = 1;
            while (written + count < _rows && first + count < _window && Volatile.Read(ref _finished[first + count]) == written + count)
            {
                count++;
            }

            consume(_ring.AsSpan(first * _rowBytes, count * _rowBytes));
            written += count;
            _free.Release(count);
        }

        return written;
    }

    /// <summary>Claims the next row (a free slot already taken) and produces it; false once no rows are left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once a row, from the first: a one-shot render does not wait for tiering
    private bool ProduceNext()
    {
        _stop.Token.ThrowIfCancellationRequested();
        var row = Interlocked.Increment(ref _next);
        if (row >= _rows)
        {
            return false;
        }

        // The slot is free: the row window rows back has been consumed, or the permit would not have been had.
        var slot = row % _window;
        _produce(row, _ring.AsSpan(slot * _rowBytes, _rowBytes));
        Volatile.Write(ref _finished[slot], row);
        _ready.Release();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Help()
    {
        try
        {
            do
            {
                _free.Wait(_stop.Token);
            }
            while (ProduceNext());
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            Interlocked.CompareExchange(ref _failure, error, null);
            _stop.Cancel();
        }
    }
}
