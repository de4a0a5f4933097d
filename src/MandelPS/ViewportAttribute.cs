using System.Collections;
using System.Globalization;
using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Problem;

namespace MandelPS.Commands;

/// <summary>
/// -Viewport as four numbers (xmin, xmax, ymin, ymax) or as the text a saved row's Viewport column holds
/// ("xmin,xmax,ymin,ymax", invariant culture); an empty cell is "not given". Anything else is an error
/// naming -Viewport and what it takes.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ViewportAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case string text when string.IsNullOrWhiteSpace(text):
                return null;
            case string text:
                try
                {
                    var viewport = Viewport.Parse(text);
                    return new[] { viewport.XMin, viewport.XMax, viewport.YMin, viewport.YMax };
                }
                catch (MandelPSException e)
                {
                    throw new ArgumentTransformationMetadataException(e.MessageFor(p => "-" + p), e);
                }

            case IEnumerable items:
                var numbers = items.Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).ToList();
                if (numbers.Count != 4)
                {
                    throw new ArgumentTransformationMetadataException($"-Viewport: give four numbers xmin, xmax, ymin, ymax (or the text 'xmin,xmax,ymin,ymax'), not {numbers.Count}.");
                }

                return numbers.Select(n => Convert.ToDouble(n, CultureInfo.InvariantCulture)).ToArray();
            default:
                throw new ArgumentTransformationMetadataException($"-Viewport: give four numbers xmin, xmax, ymin, ymax (or the text 'xmin,xmax,ymin,ymax'), not {value.GetType().Name}.");
        }
    }
}
