using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>
/// Finds the verb, lets Spectre.Console.Cli parse its settings and run it, and turns failures into exit codes.
/// Only the verb being run is registered with Spectre, so a run inspects the settings of one verb, not all of them.
/// </summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            return await HelpAsync(args.Count > 1 ? args[1] : null, console, cancellationToken);
        }

        if (args[0] is "--version")
        {
            await console.Out.WriteLineAsync(typeof(CliApplication).Assembly.GetName().Version?.ToString() ?? "0.0");
            return Success;
        }

        if (CliVerbs.Find(args[0]) is not { } verb)
        {
            await console.Error.WriteLineAsync($"emgs: unknown command '{args[0]}'. Run 'emgs help' for the list.");
            return UsageError;
        }

        return await RunVerbAsync(verb, args, console, cancellationToken);
    }

    private static Task<int> RunVerbAsync(CliVerb verb, IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken) =>
        RunGuardedAsync(
            () => verb.TryRunFast?.Invoke(args.Skip(1).ToArray(), console, cancellationToken) ?? App(console, [verb]).RunAsync(args, cancellationToken),
            $"emgs {verb.Name}", $"emgs help {verb.Name}", console, cancellationToken);

    /// <summary>
    /// Runs a program of one command (a tool beside <c>emgs</c>, e.g. the load test) with the same parsing, help and
    /// exit codes as the verbs; <paramref name="program"/> names it in messages.
    /// </summary>
    internal static Task<int> RunSingleAsync<TCommand>(string program, IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
        where TCommand : class, ICommand
    {
        ArgumentNullException.ThrowIfNull(console);
        var app = new CommandApp<TCommand>(new CliTypeRegistrar(console));
        app.Configure(config => Configure(config, console, program));
        return RunGuardedAsync(() => app.RunAsync(args, cancellationToken), program, $"{program} --help", console, cancellationToken);
    }

    private static async Task<int> RunGuardedAsync(
        Func<Task<int>> run, string name, string help, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (ex is CommandAppException or CliUsageException)
        {
            await console.Error.WriteLineAsync($"{name}: {UsageMessage(ex)}");
            await console.Error.WriteLineAsync($"Run '{help}' for its arguments and options.");
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"{name}: cancelled.");
            return Cancelled;
        }
#pragma warning disable CA1031 // the last resort of every verb: one clear line and an exit code, never a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"{name}: {OneLine(ex)}");
            return Failure;
        }
    }

    /// <summary><c>emgs help [VERB]</c>: Spectre's help of one verb, or the list of verbs.</summary>
    private static async Task<int> HelpAsync(string? verbName, CliConsole console, CancellationToken cancellationToken)
    {
        if (verbName is not null && CliVerbs.Find(verbName) is { } verb)
        {
            return await App(console, [verb]).RunAsync([verb.Name, "--help"], cancellationToken);
        }

        await console.Out.WriteAsync(VerbList());
        return verbName is null ? Success : UsageError;
    }

    /// <summary>The list of verbs with their summaries, from <see cref="CliVerbs"/> (no verb's settings are inspected).</summary>
    internal static string VerbList()
    {
        var width = CliVerbs.All.Max(v => v.Name.Length);
        var text = new System.Text.StringBuilder()
            .AppendLine("emgs — EMG therapy sessions: ingest C3D recordings, analyse them, serve the results.")
            .AppendLine()
            .AppendLine("Usage: emgs COMMAND [arguments]   (emgs help COMMAND or emgs COMMAND --help for its options)")
            .AppendLine();
        foreach (var verb in CliVerbs.All.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            text.Append("  ").Append(verb.Name.PadRight(width)).Append("  ").AppendLine(verb.Summary);
        }

        return text.ToString();
    }

    private static CommandApp App(CliConsole console, IReadOnlyList<CliVerb> verbs)
    {
        var app = new CommandApp(new CliTypeRegistrar(console));
        app.Configure(config =>
        {
            Configure(config, console, "emgs");
            foreach (var verb in verbs)
            {
                verb.Add(config, verb);
            }
        });
        return app;
    }

    private static void Configure(IConfigurator config, CliConsole console, string program)
    {
        config.SetApplicationName(program);
        config.ConfigureConsole(CliRendering.For(console));
        config.UseStrictParsing();
        config.PropagateExceptions();
        config.CancellationExitCode(Cancelled);
    }

    /// <summary>
    /// A parse or usage error in our words: Spectre says "Could not match 'x' with an argument." or "Unknown command 'x'."
    /// for an argument a verb does not take.
    /// </summary>
    private static string UsageMessage(Exception exception)
    {
        var message = OneLine(exception);
        foreach (var prefix in (ReadOnlySpan<string>)["Could not match '", "Unknown command '"])
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal) && message.IndexOf('\'', prefix.Length) is var end and > 0)
            {
                return $"Unexpected argument '{message[prefix.Length..end]}'.";
            }
        }

        return message;
    }

    /// <summary>What went wrong in one line: the innermost useful message, without .NET's "(Parameter 'x')" suffix.</summary>
    internal static string OneLine(Exception exception) => CliErrorText.OneLine(exception);
}
