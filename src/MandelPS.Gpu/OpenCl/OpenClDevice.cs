using System.Text;
using Silk.NET.OpenCL;

namespace MandelPS.Gpu.OpenCl;

/// <summary>One OpenCL device as the driver describes it (queried once, at discovery).</summary>
internal sealed record OpenClDevice(
    nint Platform, nint Handle, string PlatformName, string Name, string Type, int ComputeUnits,
    long GlobalMemory, long MaxAllocation, bool SupportsDouble, string Version, string DriverVersion, string CVersion, ulong SingleFpConfig)
{
    private const ulong Denormals = 1 << 0;                     // CL_FP_DENORM
    private const ulong CorrectlyRoundedDivideSqrt = 1 << 7;    // CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT

    public bool IsGpu => Type == "Gpu";

    /// <summary>True if single precision keeps denormals (a device may flush them to zero otherwise, unlike the CPU).</summary>
    public bool SingleHasDenormals => (SingleFpConfig & Denormals) != 0;

    /// <summary>True if -cl-fp32-correctly-rounded-divide-sqrt is allowed (single division and square root rounded as the CPU's).</summary>
    public bool SingleCanRoundDivideSqrt => (SingleFpConfig & CorrectlyRoundedDivideSqrt) != 0;

    /// <summary>Every device of every platform; an empty list with the reason when there is no OpenCL at all.</summary>
    public static (IReadOnlyList<OpenClDevice> Devices, string? Failure) Discover()
    {
        if (OpenClLibrary.Api is not { } cl)
        {
            return ([], OpenClLibrary.Failure);
        }

        var devices = new List<OpenClDevice>();
        var problems = new List<string>();
        try
        {
            foreach (var platform in Platforms(cl))
            {
                var platformName = PlatformText(cl, platform, PlatformInfo.Name);
                try
                {
                    devices.AddRange(DevicesOf(cl, platform).Select(device => Describe(cl, platform, platformName, device)));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add($"platform '{platformName}' did not list its devices ({e.Message})");
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"the OpenCL platforms could not be listed ({e.Message})");
        }

        if (devices.Count == 0 && problems.Count == 0)
        {
            problems.Add("the OpenCL loader found no platform with a device (no ICD installed in /etc/OpenCL/vendors)");
        }

        return (devices, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static unsafe List<nint> Platforms(CL cl)
    {
        uint count;
        if (cl.GetPlatformIDs(0, null, &count) != 0 || count == 0)
        {
            return [];
        }

        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            OpenClStatus.Check(cl.GetPlatformIDs(count, p, null), "clGetPlatformIDs");
        }

        return [.. ids];
    }

    private static unsafe List<nint> DevicesOf(CL cl, nint platform)
    {
        uint count;
        if (cl.GetDeviceIDs(platform, DeviceType.All, 0, null, &count) != 0 || count == 0)
        {
            return [];
        }

        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            OpenClStatus.Check(cl.GetDeviceIDs(platform, DeviceType.All, count, p, null), "clGetDeviceIDs");
        }

        return [.. ids];
    }

    private static OpenClDevice Describe(CL cl, nint platform, string platformName, nint device)
    {
        var type = (DeviceType)Scalar<ulong>(cl, device, DeviceInfo.Type);
        return new OpenClDevice(
            platform, device, platformName,
            Name: Text(cl, device, DeviceInfo.Name),
            Type: type.HasFlag(DeviceType.Gpu) ? "Gpu" : type.HasFlag(DeviceType.Cpu) ? "Cpu" : "Other",
            ComputeUnits: (int)Scalar<uint>(cl, device, DeviceInfo.MaxComputeUnits),
            GlobalMemory: (long)Scalar<ulong>(cl, device, DeviceInfo.GlobalMemSize),
            MaxAllocation: (long)Scalar<ulong>(cl, device, DeviceInfo.MaxMemAllocSize),
            SupportsDouble: Scalar<ulong>(cl, device, DeviceInfo.DoubleFPConfig) != 0,
            Version: Text(cl, device, DeviceInfo.Version),
            DriverVersion: Text(cl, device, DeviceInfo.DriverVersion),
#pragma warning disable CS0618 // deprecated by OpenCL 3.0, and still the one query an OpenCL 1.2 device answers
            CVersion: Text(cl, device, DeviceInfo.OpenclCVersion),
#pragma warning restore CS0618
            SingleFpConfig: Scalar<ulong>(cl, device, DeviceInfo.SingleFPConfig));
    }

    private static unsafe T Scalar<T>(CL cl, nint device, DeviceInfo info)
        where T : unmanaged
    {
        T value = default;
        return cl.GetDeviceInfo(device, info, (nuint)sizeof(T), &value, null) == 0 ? value : default;
    }

    private static unsafe string Text(CL cl, nint device, DeviceInfo info)
    {
        nuint size;
        if (cl.GetDeviceInfo(device, info, 0, null, &size) != 0 || size == 0)
        {
            return "";
        }

        var bytes = new byte[size];
        fixed (byte* b = bytes)
        {
            _ = cl.GetDeviceInfo(device, info, size, b, null);
        }

        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    private static unsafe string PlatformText(CL cl, nint platform, PlatformInfo info)
    {
        nuint size;
        if (cl.GetPlatformInfo(platform, info, 0, null, &size) != 0 || size == 0)
        {
            return "";
        }

        var bytes = new byte[size];
        fixed (byte* b = bytes)
        {
            _ = cl.GetPlatformInfo(platform, info, size, b, null);
        }

        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }
}
