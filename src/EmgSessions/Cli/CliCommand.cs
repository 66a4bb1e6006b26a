using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>
/// A verb of <c>emgs</c>: Spectre.Console.Cli has parsed its <typeparamref name="TSettings"/>; the verb writes to
/// the run's <see cref="CliConsole"/> and returns the process exit code.
/// </summary>
internal abstract class CliCommand<TSettings>(CliConsole console) : AsyncCommand<TSettings>
    where TSettings : CommandSettings
{
    public sealed override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return RunAsync(settings, console, cancellationToken);
    }

    /// <summary>Runs the verb with its parsed options.</summary>
    /// <exception cref="CliUsageException">The options are wrong in a way their types could not say.</exception>
    protected abstract Task<int> RunAsync(TSettings settings, CliConsole console, CancellationToken cancellationToken);
}
