using System.Reflection;
using System.Runtime.InteropServices;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// The machine a result was measured on, stamped on every row so tables from many machines and
/// commits merge into one and comparisons can warn when they compare different hardware.
/// </summary>
public sealed record EnvironmentInfo
{
    public string ComputerName { get; init; } = "";

    public string OS { get; init; } = "";

    public string ProcessorName { get; init; } = "";

    public int LogicalCores { get; init; }

    public string DotNetVersion { get; init; } = "";

    /// <summary>The widest SIMD width accelerated here (Bits512, Bits256, Bits128, or None).</summary>
    public Problem.VectorWidth MaxVectorWidth { get; init; }

    public string MandelPSVersion { get; init; } = "";

    private static readonly Lazy<EnvironmentInfo> Captured = new(Capture);

    /// <summary>This process's environment, captured once.</summary>
    public static EnvironmentInfo Current => Captured.Value;

    private static EnvironmentInfo Capture() => new()
    {
        ComputerName = Environment.MachineName,
        OS = RuntimeInformation.OSDescription.Trim(),
        ProcessorName = ProcessorModel(),
        LogicalCores = Environment.ProcessorCount,
        DotNetVersion = RuntimeInformation.FrameworkDescription,
        MaxVectorWidth = Kernels.Simd.AcceleratedWidths.Widest,
        MandelPSVersion = typeof(EnvironmentInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(EnvironmentInfo).Assembly.GetName().Version?.ToString() ?? "",
    };

    /// <summary>The CPU's marketing name where the OS tells it cheaply; the architecture otherwise.</summary>
    private static string ProcessorModel()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }

            var identifier = Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER");
            if (!string.IsNullOrWhiteSpace(identifier))
            {
                return identifier.Trim();
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture: the name is informative, never required.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
