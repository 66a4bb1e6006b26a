using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>One verb of <c>emgs</c>: its name, its line in <c>emgs help</c>, its command class and how it is added to a Spectre.Console.Cli app.</summary>
internal sealed record CliVerb(string Name, string Summary, Type CommandType, Action<IConfigurator, CliVerb> Add)
{
    /// <summary>A verb run by <typeparamref name="TCommand"/>.</summary>
    public static CliVerb Of<TCommand>(string name, string summary)
        where TCommand : class, ICommand =>
        new(name, summary, typeof(TCommand), static (configurator, verb) => configurator.AddCommand<TCommand>(verb.Name).WithDescription(verb.Summary));
}
