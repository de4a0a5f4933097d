using System.Reflection;

namespace MandelPS.Tests;

/// <summary>The PowerShell surface, checked statically: what pwsh would enforce or users would trip over.</summary>
public sealed class CmdletSurfaceTests
{
    private const string AllSets = "__AllParameterSets";

    [Fact]
    public void TheModuleHasItsCmdlets() =>
        Assert.Equal(["Compare-Kernel", "Export-KernelReport", "Get-Kernel", "Get-KernelCode", "Get-KernelDevice", "Get-KernelLimit", "Import-KernelResult", "Invoke-Mandelbrot", "Measure-Kernel", "Merge-MandelbrotTile"],
            CmdletAssembly.CmdletTypes.Select(CmdletAssembly.CmdletName).Order());

    [Fact]
    public void EveryVerb_IsApproved()
    {
        // The approved verbs are the constants of the Verbs* classes in System.Management.Automation.
        var approved = CmdletAssembly.Sma.GetTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        Assert.Contains("Get", approved);
        foreach (var cmdlet in CmdletAssembly.CmdletTypes)
        {
            var verb = (string)CmdletAssembly.CmdletAttribute(cmdlet).ConstructorArguments[0].Value!;
            Assert.True(approved.Contains(verb), $"{cmdlet.Name} uses the unapproved verb '{verb}'");
        }
    }

    [Fact]
    public void EveryCmdlet_IsPublicSealed_AndNamedVerbNounCommand()
    {
        foreach (var cmdlet in CmdletAssembly.CmdletTypes)
        {
            Assert.True(cmdlet.IsPublic && cmdlet.IsSealed, $"{cmdlet.Name} must be public sealed");
            Assert.Equal(CmdletAssembly.CmdletName(cmdlet).Replace("-", "") + "Command", cmdlet.Name);
        }
    }

    public static TheoryData<string> CmdletNames() => new(CmdletAssembly.CmdletTypes.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void NoTwoParameters_ShareAPosition_WithinAParameterSet(string cmdletName)
    {
        var cmdlet = CmdletAssembly.CmdletTypes.Single(t => t.Name == cmdletName);
        var parameters = CmdletAssembly.Parameters(cmdlet).ToList();
        foreach (var set in ParameterSets(cmdlet))
        {
            var positions = parameters
                .Where(p => InSet(p.Parameter, set))
                .Select(p => (p.Property.Name, Position: CmdletAssembly.Named<int?>(p.Parameter, "Position")))
                .Where(p => p.Position is not null)
                .GroupBy(p => p.Position)
                .Where(g => g.Count() > 1)
                .Select(g => $"position {g.Key}: {string.Join(", ", g.Select(p => p.Name))}");
            Assert.Empty(positions);
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void EveryParameterSet_IsResolvable(string cmdletName)
    {
        var cmdlet = CmdletAssembly.CmdletTypes.Single(t => t.Name == cmdletName);
        var sets = ParameterSets(cmdlet).Where(s => s != AllSets).ToList();
        if (sets.Count == 0)
        {
            return;
        }

        var defaultSet = CmdletAssembly.Named<string>(CmdletAssembly.CmdletAttribute(cmdlet), "DefaultParameterSetName");
        Assert.True(sets.Count < 2 || sets.Contains(defaultSet!), $"{cmdletName} has sets {string.Join(", ", sets)} but its DefaultParameterSetName is '{defaultSet}'");

        // A set other than the default must be selectable: some parameter belongs to it alone.
        var parameters = CmdletAssembly.Parameters(cmdlet).ToList();
        foreach (var set in sets.Where(s => s != defaultSet))
        {
            var own = parameters.Where(p => SetOf(p.Parameter) == set).Select(p => p.Property.Name)
                .Where(name => parameters.Where(q => q.Property.Name == name).All(q => SetOf(q.Parameter) == set));
            Assert.NotEmpty(own);
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void OutputTypes_AreRealEngineTypes_WithFlatProperties(string cmdletName)
    {
        var cmdlet = CmdletAssembly.CmdletTypes.Single(t => t.Name == cmdletName);
        var outputTypes = cmdlet.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(a => (Type)a.Value!)
            .ToList();
        Assert.NotEmpty(outputTypes);
        foreach (var type in outputTypes.Where(t => t.FullName != "System.IO.FileInfo"))
        {
            Assert.Equal("MandelPS.Engine", type.Assembly.GetName().Name);
            Assert.True(type.IsPublic && type.IsSealed, $"{type.Name} must be a public sealed engine type");
        }

        if (outputTypes[0].Assembly.GetName().Name != "MandelPS.Engine")
        {
            return; // a file written (Export-KernelReport -PassThru): pwsh's own view applies
        }

        // The first (default) output type is flat: every property a scalar Export-Csv writes as one cell
        // (a missing figure, a null, as an empty one).
        var scalars = new[] { "String", "Int32", "Int64", "Double", "Boolean", "TimeSpan" };
        foreach (var property in outputTypes[0].GetProperties())
        {
            var type = property.PropertyType is { IsGenericType: true } generic && generic.GetGenericTypeDefinition().FullName == "System.Nullable`1"
                ? generic.GetGenericArguments()[0]
                : property.PropertyType; // compared by name: the types come from a metadata-only load
            Assert.True(scalars.Contains(type.Name) || type.IsEnum, $"{outputTypes[0].Name}.{property.Name} is {property.PropertyType.Name}, not a flat scalar");
        }
    }

    [Fact]
    public void KernelNameParameters_AllCompleteFromTheRegistry()
    {
        var names = new[] { "Kernel", "Name", "Baseline" };
        var checkedCount = 0;
        // Get-KernelDevice's -Name is a device name: it completes from the device list (DeviceCompleter).
        foreach (var cmdlet in CmdletAssembly.CmdletTypes.Where(t => CmdletAssembly.CmdletName(t) != "Get-KernelDevice"))
        {
            foreach (var property in cmdlet.GetProperties().Where(p => names.Contains(p.Name)))
            {
                var completer = property.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.Name == "ArgumentCompleterAttribute");
                Assert.True(completer is not null, $"{cmdlet.Name}.{property.Name} has no ArgumentCompleter");
                Assert.Equal("MandelPS.Commands.KernelNameCompleter", ((Type)completer!.ConstructorArguments[0].Value!).FullName);
                checkedCount++;
            }
        }

        Assert.Equal(7, checkedCount); // Measure-Kernel's -Baseline is the seventh
        Assert.Equal(Engine.Kernels.KernelRegistry.Names, Engine.Kernels.KernelNameCompletion.Complete(""));
        Assert.Equal(["Parallel", "ParallelSimd", "ParallelUnsynchronized"], Engine.Kernels.KernelNameCompletion.Complete("par"));
    }

    [Fact]
    public void KernelParameters_BindFromThePipelineByPropertyName_AndAcceptName()
    {
        foreach (var cmdlet in CmdletAssembly.CmdletTypes.Where(t => t.GetProperty("Kernel") is not null))
        {
            var (property, parameter) = CmdletAssembly.Parameters(cmdlet).First(p => p.Property.Name == "Kernel");
            Assert.True(CmdletAssembly.Named<bool>(parameter, "ValueFromPipelineByPropertyName"), $"{cmdlet.Name}.Kernel");
            var alias = property.GetCustomAttributesData().Single(a => a.AttributeType.Name == "AliasAttribute");
            Assert.Contains("Name", ((IEnumerable<CustomAttributeTypedArgument>)alias.ConstructorArguments[0].Value!).Select(a => (string)a.Value!));
        }
    }

    /// <summary>A saved row piped back asks for exactly its request: every request column binds by property name.</summary>
    [Theory]
    [InlineData("Measure-Kernel")]
    [InlineData("Compare-Kernel")]
    [InlineData("Invoke-Mandelbrot")]
    public void EveryRequestColumn_BindsByPropertyName(string cmdletName)
    {
        // Grid describes the row (it follows from Preset and TutorialSize); nothing asks for it.
        var columns = typeof(Engine.Planning.RequestColumns).GetProperties().Where(p => p.CanWrite && p.Name != "Grid").Select(p => p.Name).ToList();
        var cmdlet = CmdletAssembly.CmdletTypes.Single(t => CmdletAssembly.CmdletName(t) == cmdletName);
        var bound = CmdletAssembly.Parameters(cmdlet).Where(p => CmdletAssembly.Named<bool>(p.Parameter, "ValueFromPipelineByPropertyName")).Select(p => p.Property.Name).ToHashSet();
        Assert.Equal(18 - 1, columns.Count);
        Assert.DoesNotContain(columns, c => !bound.Contains(c));
    }

    [Fact]
    public void FileWritingCmdlets_SupportShouldProcess_AndForce()
    {
        // Import and Get cmdlets only read their -Path.
        var reading = new[] { "Import", "Get" };
        foreach (var cmdlet in CmdletAssembly.CmdletTypes.Where(t => t.GetProperty("Path") is not null && !reading.Contains((string)CmdletAssembly.CmdletAttribute(t).ConstructorArguments[0].Value!)))
        {
            Assert.True(CmdletAssembly.Named<bool>(CmdletAssembly.CmdletAttribute(cmdlet), "SupportsShouldProcess"), cmdlet.Name);
            Assert.NotNull(cmdlet.GetProperty("Force"));
        }
    }

    private static IEnumerable<string> ParameterSets(Type cmdlet) =>
        CmdletAssembly.Parameters(cmdlet).Select(p => SetOf(p.Parameter)).Distinct();

    private static string SetOf(CustomAttributeData parameter) => CmdletAssembly.Named<string>(parameter, "ParameterSetName") ?? AllSets;

    private static bool InSet(CustomAttributeData parameter, string set) => SetOf(parameter) is var s && (s == set || s == AllSets || set == AllSets);
}
