using MandelPS.Engine.Analysis;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Planning;
using MandelPS.Engine.Tiles;

namespace MandelPS.Engine.Rendering;

/// <summary>
/// Where a planned render goes: nothing but its summary, an image file or stream, a tile file or stream,
/// its counts in memory, or a cost map. Each target is checked against its plan before any work
/// (<see cref="MandelbrotEngine.Plan"/>) and runs it the one way that fits the kernel: a PBM from a kernel
/// with membership loops straight from those loops, any other image or summary a band of rows at a time
/// (memory holds a band, however large the image), a tile or the counts in one piece. Hosts build a
/// target from their parameters and write what <see cref="MandelbrotEngine.Run"/> returns.
/// </summary>
public abstract class RenderTarget
{
    private protected RenderTarget()
    {
    }

    /// <summary>True when the whole image's counts are held at once (counts, a cost map): the plan's memory check covers the whole image.</summary>
    public virtual bool HoldsCounts => false;

    /// <summary>True when the target is a picture a person looks at, where pixels that are not square show as a stretched set.</summary>
    internal virtual bool DrawsPicture => false;

    /// <summary>The summary alone: counts computed a band at a time, nothing written.</summary>
    public static RenderTarget Summary { get; } = new SummaryOnly();

    /// <summary>
    /// An image file in the format its extension names (.png, .ppm, .pgm, .pbm), in a palette and scale
    /// (null: the format's default), written through a temporary file; refused before any work if it exists
    /// without <paramref name="overwrite"/>. <paramref name="parameter"/> is the host's name for the path.
    /// </summary>
    public static RenderTarget Image(string path, bool overwrite, PaletteName? palette = null, ColorScale? scale = null, string parameter = "Path")
    {
        var format = ImageWriter.FormatFromPath(path, parameter);
        var style = ImageStyle.For(format, palette, scale, path);
        SafeFile.CheckTarget(path, overwrite, parameter);
        return new ImageFile(Path.GetFullPath(path), format, style, overwrite, parameter);
    }

    /// <summary>The image itself on a stream (standard output): nothing else is written there.</summary>
    public static RenderTarget Image(Stream output, ImageFormat format, PaletteName? palette = null, ColorScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new ImageStream(output, format, ImageStyle.For(format, palette, scale, "standard output"));
    }

    /// <summary>Tile <paramref name="index"/> of <paramref name="count"/> as a tile file (.mtile), through a temporary file.</summary>
    public static RenderTarget Tile(string path, int index, int count, bool overwrite, string parameter = "Path")
    {
        TileFile.RequirePath(path, parameter);
        SafeFile.CheckTarget(path, overwrite, parameter);
        return new TileTarget(Path.GetFullPath(path), null, index, count, overwrite, parameter);
    }

    /// <summary>Tile <paramref name="index"/> of <paramref name="count"/> on a stream (standard output).</summary>
    public static RenderTarget Tile(Stream output, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new TileTarget(null, output, index, count, false, "Path");
    }

    /// <summary>Every count in memory (<see cref="RenderOutcome.Result"/>), and the image too when <paramref name="image"/> is an image file.</summary>
    public static RenderTarget Counts(RenderTarget? image = null) =>
        image is null or ImageFile ? new CountsInMemory(image as ImageFile) : throw new ArgumentException("Counts in memory can be written to an image file only.", nameof(image));

    /// <summary>The load balance of static and dynamic row splits (<see cref="RenderOutcome.LoadBalance"/>), and a per-tile heatmap at <paramref name="path"/> (.png or .pgm) when given.</summary>
    public static RenderTarget CostMap(int tileSize, string? path, bool overwrite, string parameter = "Path")
    {
        Analysis.CostMap.RequireTileSize(tileSize);
        ImageFormat? format = null;
        if (path is not null)
        {
            format = ImageWriter.FormatFromPath(path, parameter);
            if (format is not (ImageFormat.Png or ImageFormat.Pgm))
            {
                throw MandelPSException.Invalid(parameter, $"a heatmap is grey: '{path}' must end in .png or .pgm", path);
            }

            SafeFile.CheckTarget(path, overwrite, parameter);
        }

        return new CostMapTarget(tileSize, path is null ? null : Path.GetFullPath(path), format, overwrite, parameter);
    }

    /// <summary>Refuses, before any work, a plan this target cannot take (a tile of a kernel whose rows cannot be computed apart).</summary>
    internal virtual void Check(RenderPlan plan)
    {
    }

    internal abstract RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation);

    /// <summary>Counts a band at a time, nothing kept: the summary's figures.</summary>
    private static RenderOutcome Banded(RenderPlan plan, Action<MeasurementProgress>? progress, Func<BandedRender, string?> write, CancellationToken cancellation)
    {
        var bands = new BandedRender(plan, progress);
        var path = write(bands);
        return new RenderOutcome(bands.Summary(path));
    }

    private sealed class SummaryOnly : RenderTarget
    {
        internal override RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation) =>
            Banded(plan, progress, bands =>
            {
                bands.ForEachBand((_, _) => { }, cancellation);
                return null;
            }, cancellation);
    }

    private sealed class ImageFile(string path, ImageFormat format, ImageStyle style, bool overwrite, string parameter) : RenderTarget
    {
        internal override bool DrawsPicture => true;

        public string Path { get; } = path;

        public ImageFormat Format { get; } = format;

        public ImageStyle Style { get; } = style;

        public bool Overwrite { get; } = overwrite;

        public string Parameter { get; } = parameter;

        internal override RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation)
        {
            if (MembershipBitmap.Serves(plan, Format))
            {
                // Membership only: bits straight from the kernel's loops as rows finish, no counts.
                return new RenderOutcome(MembershipBitmap.Write(plan, Path, Overwrite, progress, Parameter, cancellation));
            }

            return Banded(plan, progress, bands =>
            {
                ImageWriter.Write(bands, Path, Format, Overwrite, Style, Parameter, cancellation);
                return Path;
            }, cancellation);
        }
    }

    private sealed class ImageStream(Stream output, ImageFormat format, ImageStyle style) : RenderTarget
    {
        internal override bool DrawsPicture => true;

        internal override RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation)
        {
            if (MembershipBitmap.Serves(plan, format))
            {
                return new RenderOutcome(MembershipBitmap.Write(plan, output, progress: progress, cancellation: cancellation));
            }

            return Banded(plan, progress, bands =>
            {
                ImageWriter.Write(bands, output, format, style, cancellation);
                return null;
            }, cancellation);
        }
    }

    private sealed class TileTarget(string? path, Stream? output, int index, int count, bool overwrite, string parameter) : RenderTarget
    {
        internal override void Check(RenderPlan plan)
        {
            MandelPSException.RequireInRange("TileCount", count, 1, plan.Height);
            MandelPSException.RequireInRange("TileIndex", index, 0, count - 1);
            if (!plan.Kernel.IsRowLocal)
            {
                throw MandelPSException.Invalid("TileCount", $"{plan.Kernel.Name} adds every orbit to the whole image, so it cannot be split into tiles", plan.Kernel.Name);
            }
        }

        internal override RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation)
        {
            if (output is not null)
            {
                return new RenderOutcome(TileRender.Write(plan, index, count, output, cancellation: cancellation));
            }

            RenderSummary? summary = null;
            SafeFile.Write(path!, overwrite, stream => summary = TileRender.Write(plan, index, count, stream, path, cancellation), parameter);
            return new RenderOutcome(summary!);
        }
    }

    private sealed class CountsInMemory(ImageFile? image) : RenderTarget
    {
        public override bool HoldsCounts => true;

        internal override bool DrawsPicture => image is not null;

        internal override RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation)
        {
            var result = PreparedRender.RunOnce(plan, cancellation);
            if (image is not null)
            {
                ImageWriter.Write(result, image.Path, image.Format, image.Overwrite, image.Style, image.Parameter, cancellation);
            }

            return new RenderOutcome(RenderSummary.From(result, image?.Path)) { Result = result };
        }
    }

    private sealed class CostMapTarget(int tileSize, string? path, ImageFormat? format, bool overwrite, string parameter) : RenderTarget
    {
        public override bool HoldsCounts => true;

        internal override RenderOutcome Run(RenderPlan plan, Action<MeasurementProgress>? progress, CancellationToken cancellation)
        {
            var result = PreparedRender.RunOnce(plan, cancellation);
            var map = Analysis.CostMap.From(result, tileSize);
            if (path is not null)
            {
                ImageWriter.WriteGray(path, map.Width, map.Height, map.ToGray(), format!.Value, overwrite, parameter);
            }

            return new RenderOutcome(RenderSummary.From(result, null)) { Result = result, LoadBalance = Analysis.LoadBalance.For(map, result, path) };
        }
    }
}

/// <summary>What running a plan into a target gives back: always the summary; the counts and the load balance where the target makes them.</summary>
public sealed record RenderOutcome(RenderSummary Summary)
{
    /// <summary>Every count, for the Counts and CostMap targets; null otherwise.</summary>
    public RenderResult? Result { get; init; }

    /// <summary>How busy 2..16 cores would be, for the CostMap target; null otherwise.</summary>
    public IReadOnlyList<LoadBalance>? LoadBalance { get; init; }
}
