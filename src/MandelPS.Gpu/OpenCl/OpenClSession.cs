using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using System.Text;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Kernels;
using Silk.NET.OpenCL;

namespace MandelPS.Gpu.OpenCl;

/// <summary>
/// One OpenCL device opened for the process: a context, a profiling command queue and the programs
/// built on it, cached by source and build options (the SourceModule cache of pyCUDA), so a program
/// is compiled once per process and the Compile phase is paid once.
/// </summary>
internal sealed class OpenClSession
{
    // Lazy: GetOrAdd may run its factory twice under contention, and a second context would leak.
    private static readonly ConcurrentDictionary<nint, Lazy<OpenClSession>> Open = new();

    private readonly CL _cl;
    private readonly nint _context;
    private readonly nint _queue;
    private readonly ConcurrentDictionary<string, nint> _programs = new();
    private readonly object _gate = new();

    private unsafe OpenClSession(CL cl, OpenClDevice device)
    {
        _cl = cl;
        Device = device;
        int status;
        var handle = device.Handle;
        _context = cl.CreateContext(null, 1, &handle, null, null, &status);
        OpenClStatus.Check(status, "clCreateContext");
#pragma warning disable CS0618 // clCreateCommandQueue: the OpenCL 1.2 call, which every device here (pocl's OpenCL C 1.2 included) has
        _queue = cl.CreateCommandQueue(_context, handle, CommandQueueProperties.ProfilingEnable, &status);
#pragma warning restore CS0618
        if (status != 0)
        {
            cl.ReleaseContext(_context);
            throw OpenClStatus.Failed("clCreateCommandQueue", status);
        }
    }

    public OpenClDevice Device { get; }

    public static OpenClSession For(OpenClDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var session = Open.GetOrAdd(device.Handle, _ => new Lazy<OpenClSession>(() => new OpenClSession(
            OpenClLibrary.Api ?? throw new MandelPSException(ErrorKind.DeviceFailed, null, OpenClLibrary.Failure ?? "the OpenCL library is not loaded"), device)));
        try
        {
            return session.Value;
        }
        catch (MandelPSException)
        {
            Open.TryRemove(device.Handle, out _); // a failed open is retried next time, not cached
            throw;
        }
    }

    /// <summary>
    /// The program built from this source with these options, building it on first use and recording
    /// the build as the Compile phase; a source that does not build is a DeviceFailed error carrying the
    /// compiler's log.
    /// </summary>
    public nint Program(string source, string options, PhaseLog phases)
    {
        var key = options + "\n" + source;
        if (_programs.TryGetValue(key, out var built))
        {
            return built;
        }

        lock (_gate)
        {
            if (_programs.TryGetValue(key, out built))
            {
                return built;
            }

            var clock = Stopwatch.StartNew();
            var program = Build(source, options);
            phases.Record(KernelPhase.Compile, clock.Elapsed);
            _programs[key] = program;
            return program;
        }
    }

    private unsafe nint Build(string source, string options)
    {
        var sourceBytes = Encoding.UTF8.GetBytes(source);
        var optionBytes = Encoding.UTF8.GetBytes(options + "\0");
        int status;
        nint program;
        fixed (byte* s = sourceBytes)
        {
            var sources = stackalloc byte*[1];
            sources[0] = s;
            var length = (nuint)sourceBytes.Length;
            program = _cl.CreateProgramWithSource(_context, 1, sources, &length, &status);
        }

        OpenClStatus.Check(status, "clCreateProgramWithSource");
        var device = Device.Handle;
        fixed (byte* o = optionBytes)
        {
            status = _cl.BuildProgram(program, 1, &device, o, null, null);
        }

        if (status != 0)
        {
            var log = BuildLog(program);
            _cl.ReleaseProgram(program);
            // One line for the message (the first error the compiler gave); the whole log travels as the error's target.
            var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var first = lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? lines.FirstOrDefault() ?? "(no log)";
            throw new MandelPSException(ErrorKind.DeviceFailed, null,
                $"OpenCL clBuildProgram failed with {OpenClStatus.Name(status)}: the device code did not compile on {Device.Name}: {first} ({lines.Length} lines of build log)", log);
        }

        return program;
    }

    private unsafe string BuildLog(nint program)
    {
        nuint size;
        if (_cl.GetProgramBuildInfo(program, Device.Handle, ProgramBuildInfo.BuildLog, 0, null, &size) != 0 || size == 0)
        {
            return "(the driver gave no log)";
        }

        var bytes = new byte[size];
        fixed (byte* b = bytes)
        {
            _ = _cl.GetProgramBuildInfo(program, Device.Handle, ProgramBuildInfo.BuildLog, size, b, null);
        }

        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    /// <summary>
    /// Runs an escape-time kernel of the common signature (xs, ys, counts, width, rowOffset,
    /// maxIterations) over the job in bands of rows, timing upload, compute and download by the
    /// device's profiling clock; cancellation is honoured between bands.
    /// </summary>
    public unsafe void RunEscape<T>(nint program, string kernelName, KernelJob<T> job, int rowsPerBand)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var nameBytes = Encoding.ASCII.GetBytes(kernelName + "\0");
        int status;
        nint kernel;
        fixed (byte* n = nameBytes)
        {
            kernel = _cl.CreateKernel(program, n, &status);
        }

        OpenClStatus.Check(status, "clCreateKernel");
        var xs = nint.Zero;
        var ys = nint.Zero;
        var counts = nint.Zero;
        try
        {
            lock (_gate)
            {
                xs = Upload(job.X, job.Phases);
                ys = Upload(job.Y, job.Phases);
                var bandPixels = (long)job.Width * rowsPerBand;
                counts = _cl.CreateBuffer(_context, MemFlags.WriteOnly, (nuint)(bandPixels * sizeof(int)), null, &status);
                OpenClStatus.Check(status, "clCreateBuffer");
                for (var row = 0; row < job.Height; row += rowsPerBand)
                {
                    job.Cancellation.ThrowIfCancellationRequested();
                    var rows = Math.Min(rowsPerBand, job.Height - row);
                    LaunchBand(kernel, xs, ys, counts, job.Width, row, rows, job.MaxIterations, job.Phases);
                    Download(counts, job.Counts.AsSpan(row * job.Width, rows * job.Width), job.Phases);
                }
            }
        }
        finally
        {
            Release(counts);
            Release(ys);
            Release(xs);
            _cl.ReleaseKernel(kernel);
        }
    }

    private unsafe void LaunchBand(nint kernel, nint xs, nint ys, nint counts, int width, int rowOffset, int rows, int maxIterations, PhaseLog phases)
    {
        OpenClStatus.Check(_cl.SetKernelArg(kernel, 0, (nuint)sizeof(nint), &xs), "clSetKernelArg(xs)");
        OpenClStatus.Check(_cl.SetKernelArg(kernel, 1, (nuint)sizeof(nint), &ys), "clSetKernelArg(ys)");
        OpenClStatus.Check(_cl.SetKernelArg(kernel, 2, (nuint)sizeof(nint), &counts), "clSetKernelArg(counts)");
        OpenClStatus.Check(_cl.SetKernelArg(kernel, 3, sizeof(int), &width), "clSetKernelArg(width)");
        OpenClStatus.Check(_cl.SetKernelArg(kernel, 4, sizeof(int), &rowOffset), "clSetKernelArg(rowOffset)");
        OpenClStatus.Check(_cl.SetKernelArg(kernel, 5, sizeof(int), &maxIterations), "clSetKernelArg(maxIterations)");
        var global = stackalloc nuint[2];
        global[0] = (nuint)width;
        global[1] = (nuint)rows;
        nint done;
        OpenClStatus.Check(_cl.EnqueueNdrangeKernel(_queue, kernel, 2, null, global, null, 0, null, &done), "clEnqueueNDRangeKernel");
        Finish(done, KernelPhase.Compute, phases, "clEnqueueNDRangeKernel");
    }

    private unsafe nint Upload<T>(T[] values, PhaseLog phases)
        where T : unmanaged
    {
        int status;
        var bytes = (nuint)(values.Length * sizeof(T));
        var buffer = _cl.CreateBuffer(_context, MemFlags.ReadOnly, bytes, null, &status);
        OpenClStatus.Check(status, "clCreateBuffer");
        try
        {
            nint done;
            fixed (T* v = values)
            {
                OpenClStatus.Check(_cl.EnqueueWriteBuffer(_queue, buffer, true, 0, bytes, v, 0, null, &done), "clEnqueueWriteBuffer");
            }

            Finish(done, KernelPhase.Upload, phases, "clEnqueueWriteBuffer");
            return buffer;
        }
        catch
        {
            Release(buffer);
            throw;
        }
    }

    private unsafe void Download(nint buffer, Span<int> into, PhaseLog phases)
    {
        nint done;
        fixed (int* p = into)
        {
            OpenClStatus.Check(_cl.EnqueueReadBuffer(_queue, buffer, true, 0, (nuint)(into.Length * sizeof(int)), p, 0, null, &done), "clEnqueueReadBuffer");
        }

        Finish(done, KernelPhase.Download, phases, "clEnqueueReadBuffer");
    }

    /// <summary>Waits for the command and records its time by the device's own clock (start to end, in ns).</summary>
    private unsafe void Finish(nint done, KernelPhase phase, PhaseLog phases, string call)
    {
        try
        {
            OpenClStatus.Check(_cl.WaitForEvents(1, &done), "clWaitForEvents after " + call);
            ulong start = 0, end = 0;
            OpenClStatus.Check(_cl.GetEventProfilingInfo(done, ProfilingInfo.Start, sizeof(ulong), &start, null), "clGetEventProfilingInfo");
            OpenClStatus.Check(_cl.GetEventProfilingInfo(done, ProfilingInfo.End, sizeof(ulong), &end, null), "clGetEventProfilingInfo");
            phases.Record(phase, TimeSpan.FromTicks((long)(end - start) / 100));
        }
        finally
        {
            _cl.ReleaseEvent(done);
        }
    }

    private void Release(nint buffer)
    {
        if (buffer != 0)
        {
            _cl.ReleaseMemObject(buffer);
        }
    }
}
