using System.Diagnostics;

namespace MandelPS.Cli.Tests;

/// <summary>`mandelps devices` and the GPU kernels through the CLI, on the devices this machine has.</summary>
public sealed class GpuCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A real mandelps process with one environment variable set (the OpenCL library is loaded once per process).</summary>
    private static (int Exit, string Out, string Err) RunProcess(string variable, string value, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MandelPS.Cli.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Devices_ListsIlgpusCpuAccelerator()
    {
        var (exit, text, _) = Run("devices", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.StartsWith("Index,Id,Backend,Name,Type,Platform,ComputeUnits,MemoryMB,MaxAllocationMB,SupportsDouble,Version,IsUsable,Reason", text);
        Assert.Contains(",cpu,ILGPU,ILGPU CPU accelerator,Cpu,", text);
    }

    [Fact]
    public void Render_OnTheCpuAccelerator_MatchesTheReferencesValidationSum()
    {
        var gpu = Run("render", "--kernel", "GpuElementwise", "--device", "cpu", "-w", "60", "--height", "40", "-i", "200", "--format", "csv");
        var reference = Run("render", "--kernel", "Expanded", "-w", "60", "--height", "40", "-i", "200", "--format", "csv");

        Assert.Equal(0, gpu.Exit);
        Assert.Contains(",cpu,", gpu.Out, StringComparison.Ordinal);
        Assert.Contains("ILGPU CPU accelerator", gpu.Out, StringComparison.Ordinal);
        Assert.Equal(Column(reference.Out, "ValidationSum"), Column(gpu.Out, "ValidationSum"));
    }

    [Fact]
    public void GpuKernel_WithoutAGpu_IsUnavailable_Exit3()
    {
        var (exit, _, error) = Run("render", "--kernel", "GpuElementwise", "-w", "10", "--height", "10");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("no ILGPU GPU found", error);
        Assert.Contains("choose it: --device cpu", error); // a CLI error speaks CLI
    }

    [Theory]
    [InlineData("--group-size", "0")]
    [InlineData("--group-size", "1025")]
    [InlineData("--device", " ")]
    public void BadDeviceOptions_AreUsageErrors_AndWriteNothing(string option, string value)
    {
        var folder = Directory.CreateTempSubdirectory("mandelps-gpu-").FullName;
        try
        {
            var image = Path.Combine(folder, "m.png");
            var (exit, _, error) = Run("render", "--kernel", "GpuGridStride", "--device", "cpu", option, value, "-w", "10", "--height", "10", "-o", image);

            Assert.Equal(ExitCodes.InvalidInput, exit);
            Assert.Contains(option, error);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void MissingOpenClLibrary_MarksOpenClUnusable_WithTheReason_AndGpuSourceUnavailable()
    {
        var devices = RunProcess("MANDELPS_OPENCL_LIBRARY", "libOpenCL-missing.so.1", "devices", "--format", "csv");
        var render = RunProcess("MANDELPS_OPENCL_LIBRARY", "libOpenCL-missing.so.1", "render", "--kernel", "GpuSource", "--device", "pocl*", "-w", "8", "--height", "8");

        Assert.Equal(0, devices.Exit);
        var opencl = Assert.Single(devices.Out.Split('\n'), l => l.Contains(",opencl,OpenCL,", StringComparison.Ordinal));
        Assert.Contains("libOpenCL-missing.so.1 could not be loaded", opencl);
        Assert.DoesNotContain(",pocl0,", devices.Out);
        Assert.Contains(",cpu,ILGPU,", devices.Out);
        Assert.Equal(ExitCodes.Unavailable, render.Exit);
        Assert.Contains("no device matches 'pocl*'", render.Err);
    }

    [Fact]
    public void ALibraryThatIsNoOpenClLoader_IsAReason_NotACrash()
    {
        var devices = RunProcess("MANDELPS_OPENCL_LIBRARY", "libc.so.6", "devices", "--format", "csv");

        Assert.Equal(0, devices.Exit);
        Assert.Contains("libc.so.6 could not be loaded", Assert.Single(devices.Out.Split('\n'), l => l.Contains(",opencl,OpenCL,", StringComparison.Ordinal)));
        Assert.Contains(",cpu,ILGPU,", devices.Out);
    }

    [Fact]
    public void Code_ListsAGpuKernelsDeviceCode_AndRefusesAFormulaWithIt()
    {
        var listed = Run("code", "--kernel", "GpuSource");
        var both = Run("code", "--kernel", "GpuSource", "--formula", "z^3 + c");

        Assert.Equal(0, listed.Exit);
        Assert.Contains("; GpuSource: OpenCL (Double)", listed.Out);
        Assert.Contains("#pragma OPENCL FP_CONTRACT OFF", listed.Out);
        Assert.Equal(ExitCodes.InvalidInput, both.Exit);
        Assert.Contains("--kernel", both.Err);
    }

    private static string Column(string csv, string name)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(lines[0].Split(','), name);
        return lines[1].Split(',')[index];
    }
}
