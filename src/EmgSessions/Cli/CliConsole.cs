namespace EmgSessions.Cli;

/// <summary>
/// Where a verb writes. The real console in the executable; string writers in tests, so verbs run
/// in-process and their exit code and output can be asserted.
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, bool interactive)
{
    public static CliConsole System { get; } =
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when a person watches a terminal: progress bars are drawn only then.</summary>
    public bool Interactive { get; } = interactive;

    public static CliConsole ForTests(StringWriter output, StringWriter error) => new(output, error, interactive: false);
}
