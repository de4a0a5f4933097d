namespace MandelPS.Engine.Problem;

/// <summary>
/// A request parameter is outside its allowed range. The message always names the parameter and what is
/// allowed, so a CLI, a cmdlet or a script can show it unchanged.
/// </summary>
public sealed class RequestValidationException : ArgumentException
{
    public RequestValidationException(string parameterName, string problem)
        : base($"{parameterName}: {problem}.", parameterName)
    {
        Problem = problem;
    }

    /// <summary>The sentence describing what is wrong and what is allowed, without the parameter name.</summary>
    public string Problem { get; }

    /// <summary>The message without the " (Parameter 'x')" suffix ArgumentException appends.</summary>
    public override string Message => $"{ParamName}: {Problem}.";
}
