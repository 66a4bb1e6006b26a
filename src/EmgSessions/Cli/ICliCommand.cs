namespace EmgSessions.Cli;

/// <summary>One verb of the <c>emgs</c> command line. Each implementation is listed in <see cref="CliApplication"/>.</summary>
internal interface ICliCommand
{
    /// <summary>The verb, e.g. <c>inspect</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>emgs help</c>.</summary>
    string Summary { get; }

    /// <summary>Usage text printed by <c>emgs help VERB</c> and after a usage error.</summary>
    string Usage { get; }

    /// <summary>Boolean options this verb accepts (without the leading dashes), e.g. <c>json</c>.</summary>
    IReadOnlyCollection<string> Flags { get; }

    /// <summary>Options that take a value, e.g. <c>database</c>.</summary>
    IReadOnlyCollection<string> ValueOptions { get; }

    /// <summary>Runs the verb; returns the process exit code.</summary>
    Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken);
}
