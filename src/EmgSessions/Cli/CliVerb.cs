using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>
/// One verb of <c>emgs</c>: its name, its line in <c>emgs help</c>, its command class, how it is added to a
/// Spectre.Console.Cli app, and for the verbs scripts call many times, a start-up fast lane (<see cref="TryRunFast"/>).
/// </summary>
internal sealed record CliVerb(string Name, string Summary, Type CommandType, Action<IConfigurator, CliVerb> Add)
{
    /// <summary>
    /// Runs the verb when <see cref="CliFastBinder"/> can bind its arguments, skipping Spectre's pipeline; null when
    /// Spectre must parse (help, errors, anything unusual). Null for the verbs without a fast lane.
    /// </summary>
    public Func<IReadOnlyList<string>, CliConsole, CancellationToken, Task<int>?>? TryRunFast { get; init; }

    /// <summary>A verb run by <typeparamref name="TCommand"/>.</summary>
    public static CliVerb Of<TCommand>(string name, string summary)
        where TCommand : class, ICommand =>
        new(name, summary, typeof(TCommand), static (configurator, verb) => configurator.AddCommand<TCommand>(verb.Name).WithDescription(verb.Summary));

    /// <summary>A verb run by <typeparamref name="TCommand"/> that a plain command line runs without Spectre's pipeline.</summary>
    public static CliVerb Fast<TCommand, TSettings>(string name, string summary, Func<CliConsole, TCommand> create)
        where TCommand : CliCommand<TSettings>
        where TSettings : CommandSettings, new() =>
        Of<TCommand>(name, summary) with
        {
            TryRunFast = (args, console, cancellationToken) =>
                CliFastBinder.TryBind<TSettings>(args) is { } settings ? create(console).RunParsedAsync(settings, cancellationToken) : null,
        };
}
