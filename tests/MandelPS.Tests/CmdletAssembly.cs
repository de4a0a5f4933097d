using System.Reflection;
using System.Runtime.InteropServices;

namespace MandelPS.Tests;

/// <summary>
/// The built cmdlet assembly, loaded for inspection only (MetadataLoadContext): pwsh's runtime is not
/// here, so attributes are read as data against PowerShellStandard's reference assembly.
/// </summary>
public static class CmdletAssembly
{
    private static readonly Lazy<(MetadataLoadContext Context, Assembly Cmdlets, Assembly Sma)> Loaded = new(Load);

    public static Assembly Cmdlets => Loaded.Value.Cmdlets;

    public static Assembly Sma => Loaded.Value.Sma;

    public static Assembly Engine => Loaded.Value.Context.LoadFromAssemblyName("MandelPS.Engine");

    public static string OutputFolder => AppContext.BaseDirectory;

    public static IReadOnlyList<Type> CmdletTypes =>
        Cmdlets.GetTypes().Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")).ToList();

    public static CustomAttributeData CmdletAttribute(Type type) =>
        type.GetCustomAttributesData().Single(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");

    public static string CmdletName(Type type)
    {
        var attribute = CmdletAttribute(type);
        return $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}";
    }

    public static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    /// <summary>Every [Parameter] on a cmdlet's properties (inherited ones included), one entry per attribute.</summary>
    public static IEnumerable<(PropertyInfo Property, CustomAttributeData Parameter)> Parameters(Type cmdlet) =>
        from property in cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        from attribute in property.GetCustomAttributesData()
        where attribute.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"
        select (property, attribute);

    private static (MetadataLoadContext, Assembly, Assembly) Load()
    {
        var cmdlets = Path.Combine(OutputFolder, "MandelPS.dll");
        var sma = Path.Combine(OutputFolder, "psref", "System.Management.Automation.dll");
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(OutputFolder, "*.dll").Where(p => !p.EndsWith("System.Management.Automation.dll", StringComparison.Ordinal)))
            .Append(sma);
        var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        return (context, context.LoadFromAssemblyPath(cmdlets), context.LoadFromAssemblyPath(sma));
    }
}
