namespace MandelPS.Cli;

/// <summary>A one-line progress display on standard error, rewritten in place; silent when redirected.</summary>
internal static class ProgressLine
{
    private const int Width = 100;

    public static void Show(TextWriter error, string status)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            error.Write("\r" + (status.Length > Width ? status[..Width] : status.PadRight(Width)));
        }
    }

    public static void Clear(TextWriter error)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            error.Write("\r" + new string(' ', Width) + "\r");
        }
    }
}
