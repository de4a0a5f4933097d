using System.Collections.Concurrent;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// What was made from a formula (residual code, IL, vector code), once per formula, escape radius,
/// precision and stage in the process: later plans and runs of the same formula reuse it, and only
/// the run that built it reports a Compile phase.
/// </summary>
internal static class FormulaCache
{
    private static readonly ConcurrentDictionary<string, Lazy<object>> Made = new(StringComparer.Ordinal);

    public static TValue Get<TValue>(Formula formula, string stage, Precision precision, Func<TValue> make, out bool built)
        where TValue : class
    {
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{formula.Canonical}|{formula.EscapeRadius:R}|{precision}|{stage}");
        var mine = new Lazy<object>(() => make());
        var lazy = Made.GetOrAdd(key, mine);
        var value = (TValue)lazy.Value;
        built = ReferenceEquals(lazy, mine);
        return value;
    }
}
