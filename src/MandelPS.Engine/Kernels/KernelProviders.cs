using System.Reflection;
using MandelPS.Engine.Devices;

namespace MandelPS.Engine.Kernels;

/// <summary>
/// Finds the optional kernel assemblies beside the engine (MandelPS.Gpu.dll) and their providers. An
/// assembly that is absent contributes nothing; one that fails to load is reported by
/// <see cref="LoadFailure"/> rather than breaking every command.
/// </summary>
public static class KernelProviders
{
    private const string GpuAssembly = "MandelPS.Gpu";
    private const string GpuProviderType = "MandelPS.Gpu.GpuKernelProvider";

    private static readonly Lazy<IReadOnlyList<IKernelProvider>> Loaded = new(Load);

    public static IReadOnlyList<IKernelProvider> All => Loaded.Value;

    /// <summary>Why the GPU kernel assembly did not load; null when it did or is simply not installed.</summary>
    public static string? LoadFailure { get; private set; }

    /// <summary>Every device of every provider, numbered in one list.</summary>
    public static IReadOnlyList<DeviceInfo> Devices() => All.SelectMany(p => p.Devices()).ToList();

    private static IReadOnlyList<IKernelProvider> Load()
    {
#pragma warning disable IL3000 // empty in a single-file app, where the GPU assembly is bundled and found by name instead
        var engineFolder = typeof(Kernel).Assembly.Location is { Length: > 0 } location ? Path.GetDirectoryName(location) : null;
#pragma warning restore IL3000
        var beside = Path.Combine(engineFolder ?? AppContext.BaseDirectory, GpuAssembly + ".dll");
        try
        {
            var assembly = File.Exists(beside) ? Assembly.LoadFrom(beside) : Assembly.Load(new AssemblyName(GpuAssembly));
            var type = assembly.GetType(GpuProviderType, throwOnError: true)!;
            return [(IKernelProvider)Activator.CreateInstance(type)!];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException or InvalidCastException or TargetInvocationException or MissingMethodException)
        {
            LoadFailure = $"{GpuAssembly} did not load: {e.Message}";
            return [];
        }
    }
}
