using MandelPS.Engine.Errors;

namespace MandelPS.Gpu.OpenCl;

/// <summary>Every OpenCL status turned into one error naming the call and the status by its name.</summary>
internal static class OpenClStatus
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [-1] = "CL_DEVICE_NOT_FOUND", [-2] = "CL_DEVICE_NOT_AVAILABLE", [-3] = "CL_COMPILER_NOT_AVAILABLE",
        [-4] = "CL_MEM_OBJECT_ALLOCATION_FAILURE", [-5] = "CL_OUT_OF_RESOURCES", [-6] = "CL_OUT_OF_HOST_MEMORY",
        [-7] = "CL_PROFILING_INFO_NOT_AVAILABLE", [-11] = "CL_BUILD_PROGRAM_FAILURE", [-30] = "CL_INVALID_VALUE",
        [-32] = "CL_INVALID_PLATFORM", [-33] = "CL_INVALID_DEVICE", [-34] = "CL_INVALID_CONTEXT",
        [-36] = "CL_INVALID_COMMAND_QUEUE", [-38] = "CL_INVALID_MEM_OBJECT", [-44] = "CL_INVALID_PROGRAM",
        [-45] = "CL_INVALID_PROGRAM_EXECUTABLE", [-46] = "CL_INVALID_KERNEL_NAME", [-48] = "CL_INVALID_KERNEL",
        [-49] = "CL_INVALID_ARG_INDEX", [-50] = "CL_INVALID_ARG_VALUE", [-51] = "CL_INVALID_ARG_SIZE",
        [-52] = "CL_INVALID_KERNEL_ARGS", [-53] = "CL_INVALID_WORK_DIMENSION", [-54] = "CL_INVALID_WORK_GROUP_SIZE",
        [-55] = "CL_INVALID_WORK_ITEM_SIZE", [-58] = "CL_INVALID_EVENT", [-61] = "CL_INVALID_BUFFER_SIZE",
        [-63] = "CL_INVALID_GLOBAL_WORK_SIZE", [-1001] = "CL_PLATFORM_NOT_FOUND_KHR",
    };

    public static string Name(int status) => Names.TryGetValue(status, out var name) ? name : $"status {status}";

    /// <summary>Throws a DeviceFailed error for any status but CL_SUCCESS.</summary>
    public static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw Failed(call, status);
        }
    }

    public static MandelPSException Failed(string call, int status, string? detail = null) =>
        new(ErrorKind.DeviceFailed, null, $"OpenCL {call} failed with {Name(status)}{(detail is null ? "" : ": " + detail)}", call);
}
