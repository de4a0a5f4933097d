using MandelPS.Cli;

namespace MandelPS.Tests;

/// <summary>
/// Both hosts build requests through the engine's one builder, so an option must exist on both sides:
/// every option of a `mandelps` verb has a parameter of the same name (PascalCase for kebab-case, or
/// the host's own convention, -Path for --output) on the matching cmdlet, and every engine-facing
/// cmdlet parameter has its option. Host-only switches are listed with why.
/// </summary>
public sealed class HostParityTests
{
    // Output plumbing only the CLI needs: PowerShell has Export-Csv, Format-Table (-View) and Export-KernelReport.
    private static readonly HashSet<string> CliOnly = ["--format", "--report", "--output", "--force", "--view"];
    private static readonly HashSet<string> CmdletOnly = ["LiteralPath", "PassThru", "InputObject", "CostMap"];

    // Merge-MandelbrotTile's -Path is the tiles, the CLI's positional arguments (its --output is -OutFile).
    private static readonly HashSet<string> MergeTilesAsArguments = ["Path"];

    public static TheoryData<string, string> Pairs() => new()
    {
        { "render", "Invoke-Mandelbrot" },
        { "measure", "Measure-Kernel" },
        { "compare", "Compare-Kernel" },
        { "merge", "Merge-MandelbrotTile" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryOption_HasItsParameter_AndEveryParameter_ItsOption(string verb, string cmdlet)
    {
        var command = CliApp.BuildRoot(TextWriter.Null, TextWriter.Null).Subcommands.Single(c => c.Name == verb);
        var options = command.Options.Where(o => o is not System.CommandLine.Help.HelpOption && o.Name != "--version").Select(o => o.Name).ToHashSet();
        var type = CmdletAssembly.CmdletTypes.Single(t => CmdletAssembly.CmdletName(t) == cmdlet);
        var parameters = CmdletAssembly.Parameters(type).Select(p => p.Property.Name).Distinct().ToHashSet();

        var lackingParameter = options.Where(o => !(CliOnly.Contains(o) && verb != "render") && o != "--format" && !parameters.Any(p => OptionNames.Spell(p) == o)).ToList();
        var lackingOption = parameters.Where(p => !CmdletOnly.Contains(p) && !options.Contains(OptionNames.Spell(p)) && !IsCliOnlyBecauseFormat(p)
            && !(verb == "merge" && MergeTilesAsArguments.Contains(p))).ToList();
        Assert.True(lackingParameter.Count == 0, $"{cmdlet} lacks parameters for: {string.Join(", ", lackingParameter)}");
        Assert.True(lackingOption.Count == 0, $"mandelps {verb} lacks options for: {string.Join(", ", lackingOption)}");
    }

    [Fact]
    public void Spelling_FollowsEachHostsConvention()
    {
        Assert.Equal("--max-iterations", OptionNames.Spell("MaxIterations"));
        Assert.Equal("--time-budget-seconds", OptionNames.Spell("TimeBudgetSeconds"));
        Assert.Equal("--output", OptionNames.Spell("Path"));
        Assert.Equal("--output", OptionNames.Spell("OutFile"));
        Assert.Equal("--tile", OptionNames.Spell("TileIndex"));
    }

    private static bool IsCliOnlyBecauseFormat(string parameter) => parameter == "TileSize";
}
