using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MandelPS.Tests;

/// <summary>The manifest and format file agree with the built cmdlets (the help is checked by tests/pester/Help.Tests.ps1).</summary>
public sealed partial class ModuleFilesTests
{
    private static string ModuleFile(string name) => Path.Combine(CmdletAssembly.OutputFolder, "module", name);

    private static string Manifest => File.ReadAllText(ModuleFile("MandelPS.psd1"));

    private static string[] ManifestList(string key)
    {
        var match = Regex.Match(Manifest, key + @"\s*=\s*@\(([^)]*)\)");
        Assert.True(match.Success, $"{key} is missing from the manifest");
        return StringLiteral().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToArray();
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex StringLiteral();

    [Fact]
    public void Manifest_ExportsExactlyTheCmdletsInTheAssembly() =>
        Assert.Equal(CmdletAssembly.CmdletTypes.Select(CmdletAssembly.CmdletName).Order(), ManifestList("CmdletsToExport").Order());

    [Fact]
    public void Manifest_TargetsPwsh74Core_AndLoadsTheBuiltDll()
    {
        Assert.Matches(@"RootModule\s*=\s*'MandelPS\.dll'", Manifest);
        Assert.Matches(@"PowerShellVersion\s*=\s*'7\.4'", Manifest);
        Assert.Equal(["Core"], ManifestList("CompatiblePSEditions"));
        Assert.Empty(ManifestList("FunctionsToExport"));
        Assert.Equal(["module/MandelPS.format.ps1xml"], ManifestList("FormatsToProcess"));
        Assert.Matches(@"ModuleVersion\s*=\s*'" + Regex.Escape(CmdletAssembly.Cmdlets.GetName().Version!.ToString(3)) + "'", Manifest);
    }

    [Fact]
    public void FormatFile_ViewsNameRealTypesAndProperties()
    {
        var document = XDocument.Load(ModuleFile("MandelPS.format.ps1xml"));
        var views = document.Descendants("View").ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            var type = CmdletAssembly.Engine.GetType(typeName);
            Assert.True(type is not null, $"view {view.Element("Name")!.Value} selects the unknown type {typeName}");
            var headers = view.Descendants("TableColumnHeader").Count();
            var items = view.Descendants("TableColumnItem").ToList();
            Assert.Equal(headers, items.Count);
            // A column is a property, or a script block over the row's properties ($_.Name).
            var properties = items.SelectMany(i => i.Element("PropertyName") is { } name
                ? [name.Value]
                : System.Text.RegularExpressions.Regex.Matches(i.Element("ScriptBlock")!.Value, @"\$_\.(\w+)").Select(m => m.Groups[1].Value));
            foreach (var property in properties)
            {
                Assert.True(type!.GetProperty(property) is not null, $"{typeName} has no property {property}");
            }
        }
    }

    [Fact]
    public void FormatFileViewsOverTheTableLayouts_HaveTheirHeadersAndWidths()
    {
        var checkedViews = 0;
        foreach (var view in XDocument.Load(ModuleFile("MandelPS.format.ps1xml")).Descendants("View")
            .Where(v => v.Descendants("ScriptBlock").Any(b => b.Value.Contains("TableLayouts]::Cell", StringComparison.Ordinal))))
        {
            var type = typeof(Engine.Formats.TableLayouts).Assembly.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value)!;
            var cells = view.Descendants("TableColumnItem").Select(i => i.Element("ScriptBlock")!.Value).ToList(); // not the GroupBy's
            var name = System.Text.RegularExpressions.Regex.Match(cells[0], @"\(\$_, '(\w+)'").Groups[1].Value; // the layout's view the cells call
            var layout = Assert.IsAssignableFrom<IReadOnlyList<Engine.Formats.TableColumn>>(Engine.Formats.TableLayouts.For(type, name));
            var headers = view.Descendants("TableColumnHeader")
                .Select(h => (h.Element("Label")!.Value, int.Parse(h.Element("Width")!.Value, System.Globalization.CultureInfo.InvariantCulture), h.Element("Alignment")?.Value == "Right"))
                .ToList();
            Assert.Equal(layout.Select(c => (c.Header, c.Width, c.AlignRight)), headers);
            Assert.Equal(layout.Select(c => $"[MandelPS.Engine.Formats.TableLayouts]::Cell($_, '{name}', '{c.Header}')"), cells);
            checkedViews++;
        }

        Assert.Equal(7, checkedViews); // Default, Details and Loss of measurements and of comparisons; a render's summary
    }

    [Fact]
    public void EveryEngineOutputType_HasADefaultView()
    {
        var viewed = XDocument.Load(ModuleFile("MandelPS.format.ps1xml")).Descendants("TypeName").Select(t => t.Value).ToHashSet();
        var outputs = CmdletAssembly.CmdletTypes
            .SelectMany(t => t.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute"))
            .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(a => (Type)a.Value!)
            .Where(t => t.Assembly.GetName().Name == "MandelPS.Engine")
            .Select(t => t.FullName!)
            .Distinct()
            .ToList();
        Assert.Equal(9, outputs.Count);
        Assert.All(outputs, name => Assert.Contains(name, viewed));
    }
}
