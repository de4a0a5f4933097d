using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MandelPS.Cli;

/// <summary>
/// Option factories whose parsers speak the user's language: a bad value is reported as
/// "--width: 'NaN' is not a whole number" (never a .NET type name), numbers are read in the invariant
/// culture, and an option the user did not give reads as null, so the engine can tell "not given"
/// from a default and refuse contradictions.
/// </summary>
internal static class Options
{
    public static Option<int[]> Ints(string name, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "n",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => result.Tokens.Select(t => ParseInt(result, t.Value)).ToArray(),
        };

    public static Option<int?> Int(string name, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "n",
            CustomParser = result => result.Tokens.Count == 0 ? null : ParseInt(result, result.Tokens[^1].Value),
        };

    public static Option<double?> Double(string name, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "x",
            CustomParser = result => result.Tokens.Count == 0 ? null : ParseDouble(result, result.Tokens[^1].Value),
        };

    public static Option<TEnum[]> Enums<TEnum>(string name, string description, params string[] aliases)
        where TEnum : struct, Enum =>
        new(name, aliases)
        {
            Description = description,
            HelpName = Choices<TEnum>("|"),
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => result.Tokens.Select(t => ParseEnum<TEnum>(result, t.Value)).ToArray(),
        };

    public static Option<TEnum?> Enum<TEnum>(string name, string description, params string[] aliases)
        where TEnum : struct, Enum =>
        new(name, aliases)
        {
            Description = description,
            HelpName = Choices<TEnum>("|"),
            CustomParser = result => result.Tokens.Count == 0 ? null : ParseEnum<TEnum>(result, result.Tokens[^1].Value),
        };

    /// <summary>"i/n": tile i (0-based) of n, both whole numbers; the engine checks their ranges.</summary>
    public static Option<(int Index, int Count)?> Tile(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "i/n",
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return null;
                }

                var token = result.Tokens[^1].Value;
                var parts = token.Split('/');
                if (parts.Length == 2
                    && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
                    && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                {
                    return (index, count);
                }

                result.AddError($"{Name(result)}: '{token}' is not i/n (tile i of n, 0-based: 0/4 .. 3/4)");
                return null;
            },
        };

    /// <summary>A text option; <paramref name="helpName"/> is its value's name in the help ("file", "xmin,xmax,ymin,ymax").</summary>
    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, HelpName = helpName };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>The option's value, or null when the user did not give it.</summary>
    public static T? Given<T>(this ParseResult parse, Option<T> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : default;

    private static int ParseInt(ArgumentResult result, string token)
    {
        if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{Name(result)}: '{token}' is not a whole number");
        return 0;
    }

    private static double ParseDouble(ArgumentResult result, string token)
    {
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{Name(result)}: '{token}' is not a finite number (use '.' as the decimal point)");
        return 0;
    }

    private static TEnum ParseEnum<TEnum>(ArgumentResult result, string token)
        where TEnum : struct, Enum
    {
        if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && System.Enum.TryParse<TEnum>(token, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }

        result.AddError($"{Name(result)}: '{token}' is not one of {Choices<TEnum>(", ")}");
        return default;
    }

    private static string Choices<TEnum>(string separator)
        where TEnum : struct, Enum =>
        string.Join(separator, System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));

    private static string Name(ArgumentResult result) =>
        (result.Parent as OptionResult)?.Option.Name ?? "value";
}
