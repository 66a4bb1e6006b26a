using System.Globalization;
using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary><c>emgs export session ID -o DIR</c> and <c>emgs export sessions --format csv|parquet -o FILE [filters]</c>: parsing only; <see cref="ExportRun"/> does the work.</summary>
internal sealed class ExportCommand(CliConsole console) : CliCommand<ExportSettings>(console)
{
    protected override Task<int> RunAsync(ExportSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("export", console, async () =>
        {
            var what = settings.What ?? throw new CliUsageException("Say 'session ID' or 'sessions'.");
            var output = settings.Output ?? throw new CliUsageException("Say where to write with -o (a folder for 'session', a file for 'sessions').");
            Func<ExportRun, ISessionStore, Task<int>> run = (what, settings.Id) switch
            {
                ("session", { } id) => (export, store) => SessionAsync(export, store, id, output, console, cancellationToken),
                ("session", null) => throw new CliUsageException("'session' needs exactly one session id."),
                ("sessions", null) => (export, _) => CohortAsync(export, Filter(settings), Format(settings.Format), output, console, cancellationToken),
                _ => throw new CliUsageException($"Unknown export '{string.Join(' ', new[] { what, settings.Id }.OfType<string>())}'; say 'session ID' or 'sessions'."),
            };

            var builder = CommandHost.CreateBuilder(settings.Configuration(), LogLevel.Warning);
            builder.AddSessionStore();
            builder.AddObjectStorage();
            builder.AddExports();
            builder.Services.AddSingleton<ExportRun>();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await run(host.Services.GetRequiredService<ExportRun>(), host.Services.GetRequiredService<ISessionStore>()).ConfigureAwait(false);
            }
            catch (ExportNotReadyException e)
            {
                await console.Error.WriteLineAsync($"emgs export: {e.Message}").ConfigureAwait(false);
                return CliApplication.Failure;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });

    private static async Task<int> SessionAsync(ExportRun export, ISessionStore store, string id, string directory, CliConsole console, CancellationToken cancellationToken)
    {
        var sessionId = await ResolveAsync(store, id, console, cancellationToken).ConfigureAwait(false);
        if (sessionId is null)
        {
            return CliApplication.Failure;
        }

        IReadOnlyList<ExportRun.WrittenFile> files;
        try
        {
            files = await export.ExportSessionAsync(sessionId.Value, directory, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionNotFoundException)
        {
            await console.Error.WriteLineAsync($"emgs export: no session has id {sessionId}.").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        foreach (var file in files)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file.Path}  {file.Bytes} bytes")).ConfigureAwait(false);
        }

        return CliApplication.Success;
    }

    private static async Task<int> CohortAsync(ExportRun export, SessionQuery filter, bool parquet, string file, CliConsole console, CancellationToken cancellationToken)
    {
        long rows = 0;
        if (!console.Interactive)
        {
            rows = await export.ExportCohortAsync(filter, parquet, file, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CliRendering.For(console).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Sessions exported", maxValue: 1);
                    rows = await export.ExportCohortAsync(filter, parquet, file, (done, total) =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = total == 0 ? 1 : done;
                    }, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file}  {rows} rows (one per session × channel)")).ConfigureAwait(false);
        return CliApplication.Success;
    }

    private static SessionQuery Filter(ExportSettings settings)
    {
        if (settings.Status is { } status && !SessionStatus.All.Contains(status))
        {
            throw new CliUsageException($"Unknown status '{status}'; use one of {string.Join(", ", SessionStatus.All)}.");
        }

        var from = Date("--from", settings.From);
        var to = Date("--to", settings.To);
        return from > to ? throw new CliUsageException("--from must not be after --to.") : new SessionQuery(settings.Status, settings.Patient, from, to);
    }

    private static bool Format(string? format) => format switch
    {
        null => throw new CliUsageException("Say --format csv or --format parquet."),
        "csv" => false,
        "parquet" => true,
        var other => throw new CliUsageException($"Unknown format '{other}'; say csv or parquet."),
    };

    private static DateTimeOffset? Date(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new CliUsageException($"{option} must be a date such as 2023-03-21 or 2023-03-21T17:50:00Z.");
    }

    /// <summary>The session a whole id or a unique start of one names; null (after saying why) when none or several match.</summary>
    private static async Task<Guid?> ResolveAsync(ISessionStore store, string id, CliConsole console, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(id, out var whole))
        {
            return whole;
        }

        var prefix = SessionIdPrefix.TryParse(id, out var problem) ?? throw new CliUsageException(problem!);
        var matches = await store.FindSessionIdsAsync(prefix, 3, cancellationToken).ConfigureAwait(false);
        if (matches.Count == 1)
        {
            return matches[0];
        }

        await console.Error.WriteLineAsync(matches.Count == 0
            ? $"emgs export: no session id starts with '{id}'."
            : $"emgs export: '{id}' is the start of several session ids ({string.Join(", ", matches)}); give more of it.").ConfigureAwait(false);
        return null;
    }
}
