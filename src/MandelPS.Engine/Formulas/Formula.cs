using System.Numerics;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// A user's iteration z -> f(z, c) with its escape radius, parsed and checked once (the plan holds it).
/// Its residual code is specialised once per precision and shared by every kernel and run.
/// </summary>
public sealed class Formula
{
    public const string DefaultText = "z^2 + c";

    public const double DefaultEscapeRadius = 2;

    public const double MinEscapeRadius = 1e-3;

    public const double MaxEscapeRadius = 1e6;

    /// <summary>The longest formula accepted, in characters.</summary>
    public const int MaxLength = 200;

    private Formula(string text, double escapeRadius, FormulaNode tree)
    {
        Text = text;
        EscapeRadius = escapeRadius;
        Tree = tree;
        Canonical = string.Concat(text.Where(ch => !char.IsWhiteSpace(ch))).ToLowerInvariant();
    }

    /// <summary>The formula as written (trimmed).</summary>
    public string Text { get; }

    public double EscapeRadius { get; }

    /// <summary>The text without whitespace, lower case: formulas equal here are the same problem.</summary>
    public string Canonical { get; }

    /// <summary>True for z^2 + c escaping at 2: the Mandelbrot set every other kernel solves.</summary>
    public bool IsDefault => Canonical == "z^2+c" && EscapeRadius == DefaultEscapeRadius;

    /// <summary>The tree as parsed.</summary>
    public FormulaNode Tree { get; }

    /// <summary>Parses and checks a formula, or throws one InvalidRequest error (parameter Formula) naming the position.</summary>
    public static Formula Parse(string? text, double escapeRadius = DefaultEscapeRadius)
    {
        MandelPSException.RequireInRange("EscapeRadius", escapeRadius, MinEscapeRadius, MaxEscapeRadius);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw FormulaError.Whole("", "the formula is empty; write an iteration such as 'z^2 + c'");
        }

        if (trimmed.Length > MaxLength)
        {
            throw FormulaError.Whole(trimmed, $"the formula is {trimmed.Length} characters long; at most {MaxLength} are allowed");
        }

        var tree = FormulaParser.Parse(trimmed);
        FormulaChecks.Check(trimmed, tree);
        return new Formula(trimmed, escapeRadius, tree);
    }

    /// <summary>The residual code in precision T, specialised on first use in the process; built says whether this call did it.</summary>
    internal ResidualProgram Residual<T>(out bool built)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        FormulaCache.Get(this, "residual", PrecisionOf<T>(), () => ResidualBuilder<T>.Build(this), out built);

    internal ResidualProgram Residual<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => Residual<T>(out _);

    /// <summary>The residual code in a precision (listings and other backends).</summary>
    public ResidualProgram Residual(Precision precision) => precision == Precision.Single ? Residual<float>() : Residual<double>();

    /// <summary>radius^2 in precision T, as every strategy's escape test compares with it.</summary>
    internal T RadiusSquared<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var radius = T.CreateTruncating(EscapeRadius);
        return radius * radius;
    }

    internal static Precision PrecisionOf<T>() => typeof(T) == typeof(float) ? Precision.Single : Precision.Double;

    public override string ToString() => Text;
}
