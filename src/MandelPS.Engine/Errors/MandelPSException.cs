namespace MandelPS.Engine.Errors;

/// <summary>
/// The engine's one exception type. <see cref="Parameter"/> is the request parameter at fault in its
/// PascalCase name (as the cmdlets spell it; the CLI turns it into its --kebab-case option), and
/// <see cref="Problem"/> says what is wrong and what is allowed, so a host can put its own spelling of
/// the parameter in front. Other parameters and commands the problem mentions are written @Force and
/// @@devices, and each host spells them its way (-Force and Get-KernelDevice, --force and mandelps
/// devices). <see cref="Target"/> is the offending value (a kernel name, a path).
/// </summary>
public sealed partial class MandelPSException : Exception
{
    /// <summary>The cmdlet each CLI verb a problem may name (@@verb) is in PowerShell.</summary>
    private static readonly Dictionary<string, string> Cmdlets = new(StringComparer.Ordinal)
    {
        ["devices"] = "Get-KernelDevice", ["limit"] = "Get-KernelLimit", ["kernels"] = "Get-Kernel", ["measure"] = "Measure-Kernel", ["compare"] = "Compare-Kernel",
        ["render"] = "Invoke-Mandelbrot", ["merge"] = "Merge-MandelbrotTile", ["code"] = "Get-KernelCode",
    };

    public MandelPSException(ErrorKind kind, string? parameter, string problem, object? target = null, Exception? inner = null)
        : base(Spelled(parameter is null ? Sentence(problem) : $"{parameter}: {Sentence(problem)}", p => "-" + p, PowerShellCommand), inner)
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

    /// <summary>
    /// The message with the parameters spelled by the host (e.g. "--max-iterations" or "-MaxIterations"), and the
    /// commands it mentions (@@devices) spelled by <paramref name="spellCommand"/> (default: the cmdlets).
    /// </summary>
    public string MessageFor(Func<string, string> spellParameter, Func<string, string>? spellCommand = null)
    {
        ArgumentNullException.ThrowIfNull(spellParameter);
        var message = Parameter is null ? Sentence(Problem) : $"{spellParameter(Parameter)}: {Sentence(Problem)}";
        return Spelled(message, spellParameter, spellCommand);
    }

    /// <summary>The cmdlet for a CLI verb a problem names: "devices" is Get-KernelDevice.</summary>
    public static string PowerShellCommand(string verb) => Cmdlets.GetValueOrDefault(verb, verb);

    /// <summary>
    /// Engine text (a problem, a warning, a reason) with the parameters (@Force) and commands (@@devices) it
    /// mentions spelled by the host that shows it.
    /// </summary>
    public static string Spelled(string text, Func<string, string> spellParameter, Func<string, string>? spellCommand = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spellParameter);
        return Mentions().Replace(text, m => m.Groups["command"].Success ? (spellCommand ?? PowerShellCommand)(m.Groups["command"].Value) : spellParameter(m.Groups["parameter"].Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex("@@(?<command>[a-z]+)|@(?<parameter>[A-Z][A-Za-z]+)")]
    private static partial System.Text.RegularExpressions.Regex Mentions();

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
