using System.Globalization;
using System.Management.Automation;

namespace MandelPS.Commands;

/// <summary>
/// Lets a request parameter take a saved row's cell as it comes back from Import-Csv or ConvertFrom-Json:
/// an empty cell (a field that did not apply when the row was written) is "not given" rather than 0, and a
/// number may be written in the invariant culture or in this session's (Export-Csv under de-DE writes "2,5").
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SavedValueAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text)
        {
            return inputData;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Only numbers that read differently in the two cultures need help; anything else converts as usual.
        return !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.CurrentCulture, out var local)
            ? local
            : inputData;
    }
}
