namespace EmgSessions.Cli;

/// <summary>Finds the verb, parses its arguments, runs it, and turns failures into exit codes.</summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private static readonly Lazy<IReadOnlyDictionary<string, ICliCommand>> AllCommands = new(CreateCommands);

    public static IReadOnlyDictionary<string, ICliCommand> Commands => AllCommands.Value;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            return PrintHelp(args.Count > 1 ? args[1] : null, console);
        }

        if (args[0] is "--version")
        {
            await console.Out.WriteLineAsync(typeof(CliApplication).Assembly.GetName().Version?.ToString() ?? "0.0");
            return Success;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            await console.Error.WriteLineAsync($"emgs: unknown command '{args[0]}'. Run 'emgs help' for the list.");
            return UsageError;
        }

        var rest = args.Skip(1).ToArray();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await console.Out.WriteLineAsync(command.Usage);
            return Success;
        }

        try
        {
            var parsed = CliArguments.Parse(rest, command);
            return await command.RunAsync(parsed, console, cancellationToken);
        }
        catch (CliUsageException usage)
        {
            await console.Error.WriteLineAsync($"emgs {command.Name}: {usage.Message}");
            await console.Error.WriteLineAsync(command.Usage);
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"emgs {command.Name}: cancelled.");
            return 130;
        }
#pragma warning disable CA1031 // the last resort of every verb: one clear line and an exit code, never a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"emgs {command.Name}: {OneLine(ex)}");
            return Failure;
        }
    }

    /// <summary>What went wrong in one line: the innermost useful message, without .NET's "(Parameter 'x')" suffix.</summary>
    internal static string OneLine(Exception exception)
    {
        var inner = exception;
        while (inner is AggregateException or System.Reflection.TargetInvocationException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = inner is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : inner.Message;
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? inner.GetType().Name : line;
    }

    private static int PrintHelp(string? verb, CliConsole console)
    {
        if (verb is not null && Commands.TryGetValue(verb, out var command))
        {
            console.Out.WriteLine(command.Usage);
            return Success;
        }

        console.Out.WriteLine("emgs — EMG therapy sessions: ingest C3D recordings, analyse them, serve the results.");
        console.Out.WriteLine();
        console.Out.WriteLine("Usage: emgs COMMAND [arguments]   (emgs help COMMAND for details)");
        console.Out.WriteLine();
        var width = Commands.Count == 0 ? 0 : Commands.Keys.Max(k => k.Length);
        foreach (var entry in Commands.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            console.Out.WriteLine($"  {entry.Name.PadRight(width)}  {entry.Summary}");
        }

        return verb is null ? Success : UsageError;
    }

    /// <summary>
    /// Every verb, listed by hand. Scanning the assembly for <see cref="ICliCommand"/> types at start-up loaded every type
    /// of the executable (and with them ASP.NET Core, Npgsql and Spectre.Console) before the first line of output; the
    /// test <c>CliApplicationTests</c> checks that no verb is missing from this list.
    /// </summary>
    private static Dictionary<string, ICliCommand> CreateCommands()
    {
        ICliCommand[] all =
        [
            new AnalyzeCommand(), new BenchCommand(), new DemoCommand(), new ExportCommand(), new IngestCommand(), new InspectCommand(),
            new LoadTestCommand(), new MigrateCommand(), new ScoresCommand(), new ServeCommand(), new SessionsCommand(), new SyncCommand(),
            new WorkerCommand(),
        ];
        var commands = new Dictionary<string, ICliCommand>(all.Length, StringComparer.Ordinal);
        foreach (var command in all)
        {
            commands.Add(command.Name, command);
        }

        return commands;
    }
}
