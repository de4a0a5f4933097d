using System.Management.Automation;
using MandelPS.Engine.Errors;
using MandelPS.Engine.Formats;
using MandelPS.Engine.Formats.Images;
using MandelPS.Engine.Measurement;
using MandelPS.Engine.Rendering;
using MandelPS.Engine.Tiles;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Merges tiles made by Invoke-Mandelbrot -TileCount into the image and summary of the render they split.</para>
/// <para type="description">Every tile file is checked first: intact (its checksum), of one request (problem and kernel), and together covering every row exactly once. A missing, duplicate, overlapping, foreign or damaged tile is refused with an error that names it. The image is then written a band at a time (-OutFile: .png, .ppm, .pgm or .pbm, in -Palette and -ColorScale), bit-identical to the image of a render in one process; the summary is that render's summary. -PassThru returns the whole result, escape counts included.</para>
/// </summary>
/// <example>
/// <code>Merge-MandelbrotTile ./tiles/*.mtile -OutFile ./m.png</code>
/// <para>Checks the tiles and writes the merged picture.</para>
/// </example>
/// <example>
/// <code>Get-ChildItem ./tiles -Filter *.mtile | Merge-MandelbrotTile -PassThru</code>
/// <para>Files from the pipeline; returns the merged counts.</para>
/// </example>
[Cmdlet(VerbsData.Merge, "MandelbrotTile", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(RenderSummary))]
[OutputType(typeof(RenderResult))]
public sealed class MergeMandelbrotTileCommand : MandelPSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _tiles = [];

    /// <summary>Tile files (.mtile); wildcards expand.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Tile files, taken exactly as typed (no wildcards); Get-ChildItem's output binds here.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Image file to write: .png, .ppm, .pgm or .pbm.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrite -OutFile if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Colours of the image (default Classic; Grey for a .pgm); the set is black.</summary>
    [Parameter]
    public PaletteName Palette { get; set; }

    /// <summary>How counts pick their colour: Logarithmic (default) or Histogram-equalised.</summary>
    [Parameter]
    public ColorScale ColorScale { get; set; }

    /// <summary>Return the whole merged result, escape counts included (they must fit in memory), instead of the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            try
            {
                _tiles.AddRange(ResolveExistingFiles(path, literal));
            }
            catch (MandelPSException e)
            {
                WriteError(ToErrorRecord(e));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_tiles.Count == 0)
        {
            return;
        }

        try
        {
            string? outFile = null;
            ImageFormat? format = null;
            if (OutFile is not null)
            {
                outFile = ResolveNewFilePath(OutFile, literal: false, nameof(OutFile));
                format = ImageWriter.FormatFromPath(outFile, nameof(OutFile));
                SafeFile.CheckTarget(outFile, Force, nameof(OutFile));
            }

            var bound = MyInvocation.BoundParameters;
            var style = ImageStyle.For(format, bound.ContainsKey(nameof(Palette)) ? Palette : null, bound.ContainsKey(nameof(ColorScale)) ? ColorScale : null, outFile ?? "");
            if (outFile is not null && !ShouldProcess(outFile, $"Merge {_tiles.Count} tiles into {(File.Exists(outFile) ? "an existing" : "a new")} image"))
            {
                return;
            }

            Stream<object>("Merge-MandelbrotTile", (stop, progress) => [Merge(outFile, format, style, progress, stop)], WriteObject);
        }
        catch (MandelPSException e)
        {
            WriteError(ToErrorRecord(e));
        }
        catch (OperationCanceledException e)
        {
            ThrowTerminatingError(Cancelled(e));
        }
    }

    private object Merge(string? outFile, ImageFormat? format, ImageStyle style, Action<MeasurementProgress> progress, CancellationToken stop)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tiles = TileSet.Open(_tiles, (i, path) => progress(new MeasurementProgress(i, _tiles.Count, $"checking {path}", clock.Elapsed)), stop);
        if (!PassThru)
        {
            return TileMerge.ToImage(tiles, outFile, format, style, Force, nameof(OutFile), stop);
        }

        var result = TileMerge.ToResult(tiles, stop);
        if (outFile is not null)
        {
            ImageWriter.Write(result, outFile, format!.Value, Force, style, nameof(OutFile), stop);
        }

        return result;
    }
}
