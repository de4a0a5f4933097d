namespace MandelPS.Engine.Formats;

/// <summary>How rows of results are printed by the CLI and exported.</summary>
public enum OutputFormat
{
    Table,
    Csv,
    Json,
    Markdown,
}
