using System.Text;

namespace MandelPS.Cli;

/// <summary>
/// How the CLI spells the engine's parameters: the cmdlets' PascalCase names in kebab case
/// (MaxIterations is --max-iterations), except where each host's convention differs (a cmdlet's -Path
/// is the CLI's --output). Errors from the engine are shown with these spellings.
/// </summary>
public static class OptionNames
{
    private static readonly Dictionary<string, string> Conventions = new(StringComparer.Ordinal)
    {
        ["Path"] = "--output",
        ["LiteralPath"] = "--output",
        ["ReferenceObject"] = "--reference",
        ["DifferenceObject"] = "--difference",
        ["TileIndex"] = "--tile",
        ["TileCount"] = "--tile",
        ["OutFile"] = "--output",
    };

    public static string Spell(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (Conventions.TryGetValue(parameter, out var spelled))
        {
            return spelled;
        }

        var kebab = new StringBuilder("--");
        for (var i = 0; i < parameter.Length; i++)
        {
            var c = parameter[i];
            if (char.IsUpper(c) && i > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(c));
        }

        return kebab.ToString();
    }
}
