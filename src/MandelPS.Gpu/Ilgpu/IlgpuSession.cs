using System.Collections.Concurrent;
using System.Diagnostics;
using ILGPU.Runtime;
using MandelPS.Engine.Kernels;

namespace MandelPS.Gpu.Ilgpu;

/// <summary>
/// One ILGPU device opened for the process: its accelerator and the kernels loaded on it, each compiled
/// once (the Compile phase is recorded only then) and cached by name and precision.
/// </summary>
internal sealed class IlgpuSession
{
    // Lazy: GetOrAdd may run its factory twice under contention, and a second accelerator would leak.
    private static readonly ConcurrentDictionary<Device, Lazy<IlgpuSession>> Open = new();
    private readonly ConcurrentDictionary<string, Delegate> _kernels = new();
    private readonly object _gate = new();

    private IlgpuSession(Device device)
    {
        Device = device;
        Accelerator = device.CreateAccelerator(IlgpuRuntime.Context!);
    }

    public Device Device { get; }

    public Accelerator Accelerator { get; }

    /// <summary>Serialises runs on the device: one kernel's buffers and launches at a time.</summary>
    public object Gate => _gate;

    public static IlgpuSession For(Device device) => Open.GetOrAdd(device, d => new Lazy<IlgpuSession>(() => new IlgpuSession(d))).Value;

    /// <summary>The loaded kernel for this key, loading (compiling) it on first use and timing that as Compile.</summary>
    public TDelegate Kernel<TDelegate>(string key, Func<Accelerator, TDelegate> load, PhaseLog phases)
        where TDelegate : Delegate
    {
        if (_kernels.TryGetValue(key, out var loaded))
        {
            return (TDelegate)loaded;
        }

        lock (_gate)
        {
            if (_kernels.TryGetValue(key, out loaded))
            {
                return (TDelegate)loaded;
            }

            var clock = Stopwatch.StartNew();
            var kernel = load(Accelerator);
            phases.Record(KernelPhase.Compile, clock.Elapsed);
            _kernels[key] = kernel;
            return kernel;
        }
    }
}
