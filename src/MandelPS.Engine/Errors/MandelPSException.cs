namespace MandelPS.Engine.Errors;

/// <summary>
/// The engine's one exception type. <see cref="Parameter"/> is the request parameter at fault in its
/// PascalCase name (as the cmdlets spell it; the CLI turns it into its --kebab-case option), and
/// <see cref="Problem"/> says what is wrong and what is allowed, so a host can put its own spelling of
/// the parameter in front. <see cref="Target"/> is the offending value (a kernel name, a path).
/// </summary>
public sealed class MandelPSException : Exception
{
    public MandelPSException(ErrorKind kind, string? parameter, string problem, object? target = null, Exception? inner = null)
        : base(parameter is null ? Sentence(problem) : $"{parameter}: {Sentence(problem)}", inner)
    {
        Kind = kind;
        Parameter = parameter;
        Problem = problem;
        Target = target;
    }

    public ErrorKind Kind { get; }

    /// <summary>The parameter at fault (PascalCase), or null when no single parameter is.</summary>
    public string? Parameter { get; }

    /// <summary>What is wrong and what is allowed, without the parameter name.</summary>
    public string Problem { get; }

    /// <summary>The offending value, for ErrorRecord.TargetObject.</summary>
    public object? Target { get; }

    /// <summary>The message with the parameter spelled by the host (e.g. "--max-iterations" or "-MaxIterations").</summary>
    public string MessageFor(Func<string, string> spellParameter)
    {
        ArgumentNullException.ThrowIfNull(spellParameter);
        return Parameter is null ? Sentence(Problem) : $"{spellParameter(Parameter)}: {Sentence(Problem)}";
    }

    public static MandelPSException Invalid(string parameter, string problem, object? target = null) =>
        new(ErrorKind.InvalidRequest, parameter, problem, target);

    public static MandelPSException OutOfRange(string parameter, long value, long min, long max) =>
        new(ErrorKind.InvalidRequest, parameter, $"{value} is outside the allowed range {min}..{max}", value);

    /// <summary>Throws an InvalidRequest error naming the parameter and its range unless min &lt;= value &lt;= max.</summary>
    public static void RequireInRange(string parameter, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw OutOfRange(parameter, value, min, max);
        }
    }

    /// <summary>The same for a number that must also be finite (NaN fails every comparison, so it is refused too).</summary>
    public static void RequireInRange(string parameter, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new MandelPSException(ErrorKind.InvalidRequest, parameter,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} is outside the allowed range {min}..{max}"), value);
        }
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
