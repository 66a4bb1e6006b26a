using EmgSessions.Cli;

namespace EmgSessions.Front;

/// <summary>
/// What the front-end runs itself: the verb list (<c>emgs</c>, <c>emgs help</c>, <c>emgs --help</c>) and a plain
/// <c>analyze</c> or <c>inspect</c> command line, with the full executable's own verb code and exit codes. Null means
/// "hand it to the full executable": another verb, a verb's help, or anything <see cref="CliFastBinder"/> leaves to
/// Spectre.Console.Cli, so help and usage errors keep one source.
/// </summary>
internal static class FrontEnd
{
    public static async Task<int?> RunAsync(IReadOnlyList<string> args, CliConsole console, string app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || (args.Count == 1 && args[0] is "help" or "--help" or "-h"))
        {
            if (FullApp.VerbList(app) is not { } list)
            {
                return null;
            }

            await console.Out.WriteAsync(list);
            return CliApplication.Success;
        }

        var rest = args.Skip(1).ToArray();
        return args[0] switch
        {
            "analyze" when CliFastBinder.TryBind<AnalyzeSettings>(rest) is { File: not null } settings =>
                await GuardedAsync("analyze", () => new AnalyzeCommand(console).RunParsedAsync(settings, cancellationToken), console, cancellationToken),
            "inspect" when CliFastBinder.TryBind<InspectSettings>(rest) is { File: not null } settings =>
                await GuardedAsync("inspect", () => new InspectCommand(console).RunParsedAsync(settings, cancellationToken), console, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The full executable's last resort around a verb, with the same lines and exit codes.</summary>
    private static async Task<int> GuardedAsync(string verb, Func<Task<int>> run, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (CliUsageException ex)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: {CliErrorText.OneLine(ex)}");
            await console.Error.WriteLineAsync($"Run 'emgs help {verb}' for its arguments and options.");
            return CliApplication.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: cancelled.");
            return CliApplication.Cancelled;
        }
#pragma warning disable CA1031 // as in the full executable: one clear line and an exit code, never a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"emgs {verb}: {CliErrorText.OneLine(ex)}");
            return CliApplication.Failure;
        }
    }
}
