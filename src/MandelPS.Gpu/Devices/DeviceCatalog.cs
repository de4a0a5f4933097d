using System.Globalization;
using MandelPS.Engine.Devices;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Gpu.Ilgpu;
using MandelPS.Gpu.OpenCl;

namespace MandelPS.Gpu.Devices;

/// <summary>
/// Every device both backends can see, discovered once per process and numbered in one list, plus a row
/// for each backend that found nothing, saying why. Resolves -Device (an index or a name pattern) for a
/// kernel of one backend, or says why it cannot.
/// </summary>
internal static class DeviceCatalog
{
    private static readonly Lazy<IReadOnlyList<GpuDevice>> Discovered = new(Discover);

    public static IReadOnlyList<GpuDevice> All => Discovered.Value;

    /// <summary>The device a kernel of this backend runs on for this -Device value, or the reason it has none.</summary>
    public static (GpuDevice? Device, string? Reason) Resolve(string? choice, GpuBackend backend, Precision precision)
    {
        var usable = All.Where(d => d.Backend == backend && d.Info.IsUsable).ToList();
        var names = string.Join(", ", All.Where(d => d.Info.IsUsable).Select(d => d.Info.Id));
        GpuDevice? device;
        if (choice is null)
        {
            device = usable.FirstOrDefault(d => d.IsGpu);
            if (device is null)
            {
                var cpuDevices = string.Join(" or ", usable.Select(d => d.Info.Id));
                return (null, $"no {Describe(backend)} GPU found (usable devices here: {(names.Length == 0 ? "none" : names)})"
                    + (cpuDevices.Length > 0 ? $"; to run it on a CPU device on purpose, choose it: @Device {cpuDevices}" : ""));
            }
        }
        else
        {
            var matches = int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? All.Where(d => d.Info.Index == index).ToList()
                : All.Where(d => Wildcard.IsMatch(d.Info.Id, choice) || Wildcard.IsMatch(d.Info.Name, choice)).ToList();
            device = matches.FirstOrDefault(d => d.Backend == backend && d.Info.IsUsable);
            if (device is null)
            {
                var other = matches.FirstOrDefault();
                return (null, other is null
                    ? $"no device matches '{choice}' (devices: {(All.Count == 0 ? "none" : string.Join(", ", All.Select(d => $"{d.Info.Index} {d.Info.Id}")))})"
                    : other.Backend != backend
                        ? $"device '{other.Info.Id}' is an {Describe(other.Backend)} device; this kernel runs on {Describe(backend)} devices ({string.Join(", ", usable.Select(d => d.Info.Id).DefaultIfEmpty("none here"))})"
                        : $"device '{other.Info.Id}' cannot be used: {other.Info.Reason}");
            }
        }

        if (precision == Precision.Double && !device.Info.SupportsDouble)
        {
            return (null, $"device '{device.Info.Id}' ({device.Info.Name}) has no double precision (fp64); use Single precision");
        }

        return (device, null);
    }

    private static string Describe(GpuBackend backend) => backend == GpuBackend.Ilgpu ? "ILGPU" : "OpenCL";

    private static List<GpuDevice> Discover()
    {
        var devices = new List<GpuDevice>();
        AddIlgpu(devices);
        AddOpenCl(devices);
        return devices;
    }

    private static void AddIlgpu(List<GpuDevice> devices)
    {
        if (IlgpuRuntime.Failure is { } failure)
        {
            devices.Add(Unusable(devices.Count, "ilgpu", "ILGPU", "ILGPU", failure));
            return;
        }

        var counters = new Dictionary<string, int>();
        foreach (var device in IlgpuRuntime.Devices)
        {
            var kind = IlgpuRuntime.Kind(device);
            var n = counters[kind] = counters.GetValueOrDefault(kind) + 1;
            var id = kind == "Cpu" ? "cpu" : kind == "Cuda" ? $"cuda{n - 1}" : $"ilgpu-cl{n - 1}";
            // ILGPU's OpenCL devices may be CPUs; only a real GPU is a "Gpu" (the default choice, and large bands).
            var type = kind == "Cpu" || (device is ILGPU.Runtime.OpenCL.CLDevice cl && !cl.DeviceType.HasFlag(ILGPU.Runtime.OpenCL.CLDeviceType.CL_DEVICE_TYPE_GPU)) ? "Cpu" : "Gpu";
            var memoryMB = Math.Min(device.MemorySize, long.MaxValue / 2) / (1024 * 1024);
            devices.Add(new GpuDevice(new DeviceInfo
            {
                Index = devices.Count,
                Id = id,
                Backend = "ILGPU",
                Name = kind == "Cpu" ? "ILGPU CPU accelerator" : device.Name,
                Type = type,
                Platform = kind == "Cpu" ? "ILGPU (managed threads: exact, slow; for correctness)" : kind,
                ComputeUnits = kind == "Cpu" ? Environment.ProcessorCount : device.NumMultiprocessors,
                MemoryMB = kind == "Cpu" ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024) : memoryMB,
                MaxAllocationMB = kind == "Cpu" ? 2047 : memoryMB,
                SupportsDouble = IlgpuRuntime.SupportsDouble(device),
                Version = device is ILGPU.Runtime.Cuda.CudaDevice cuda ? $"sm_{cuda.Architecture?.Major}{cuda.Architecture?.Minor}, driver {cuda.DriverVersion}" : "",
                IsUsable = true,
            }, GpuBackend.Ilgpu, device, null));
        }

        if (!counters.ContainsKey("Cuda"))
        {
            devices.Add(Unusable(devices.Count, "cuda", "ILGPU", "Cuda", IlgpuRuntime.CudaAbsence()));
        }
    }

    private static void AddOpenCl(List<GpuDevice> devices)
    {
        var (found, failure) = OpenClDevice.Discover();
        if (failure is not null)
        {
            devices.Add(Unusable(devices.Count, "opencl", "OpenCL", "OpenCL", failure));
        }

        var counters = new Dictionary<string, int>();
        foreach (var device in found)
        {
            var tag = PlatformTag(device.PlatformName);
            var n = counters[tag] = counters.GetValueOrDefault(tag) + 1;
            devices.Add(new GpuDevice(new DeviceInfo
            {
                Index = devices.Count,
                Id = $"{tag}{n - 1}",
                Backend = "OpenCL",
                Name = device.Name,
                Type = device.Type,
                Platform = device.PlatformName,
                ComputeUnits = device.ComputeUnits,
                MemoryMB = device.GlobalMemory / (1024 * 1024),
                MaxAllocationMB = device.MaxAllocation / (1024 * 1024),
                SupportsDouble = device.SupportsDouble,
                Version = $"{device.Version}; {device.CVersion}; driver {device.DriverVersion}",
                IsUsable = true,
            }, GpuBackend.OpenCL, null, device));
        }
    }

    /// <summary>A short, stable tag for a platform: pocl, nvidia, amd, intel, or opencl.</summary>
    private static string PlatformTag(string platform) =>
        platform.Contains("Portable Computing Language", StringComparison.OrdinalIgnoreCase) ? "pocl"
        : platform.Contains("NVIDIA", StringComparison.OrdinalIgnoreCase) ? "nvidia"
        : platform.Contains("AMD", StringComparison.OrdinalIgnoreCase) ? "amd"
        : platform.Contains("Intel", StringComparison.OrdinalIgnoreCase) ? "intel"
        : "opencl";

    private static GpuDevice Unusable(int index, string id, string backend, string platform, string reason) =>
        new(new DeviceInfo { Index = index, Id = id, Backend = backend, Name = "(none)", Type = "Other", Platform = platform, IsUsable = false, Reason = reason },
            backend == "ILGPU" ? GpuBackend.Ilgpu : GpuBackend.OpenCL, null, null);
}
