using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary><c>emgs sessions list|show</c>: the sessions of the database, as a table or JSON.</summary>
internal sealed class SessionsCommand(CliConsole console) : CliCommand<SessionsSettings>(console)
{
    protected override Task<int> RunAsync(SessionsSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("sessions", console, async () =>
        {
            var action = settings.Action ?? throw new CliUsageException("Say 'list' or 'show ID'.");
            Func<IServiceProvider, Task<int>> run = (action, settings.Id) switch
            {
                ("list", null) => services => ListAsync(services.GetRequiredService<SessionQueries>(), settings, console, cancellationToken),
                ("show", { } id) => services => ShowAsync(
                    services.GetRequiredService<SessionQueries>(), services.GetRequiredService<SessionIdLookup>(), id, settings.Json, console, cancellationToken),
                ("show", null) => throw new CliUsageException("'show' needs exactly one session id."),
                _ => throw new CliUsageException($"Unknown action '{string.Join(' ', new[] { action, settings.Id }.OfType<string>())}'; say 'list' or 'show ID'."),
            };

            var builder = CommandHost.CreateBuilder(settings.Configuration(), LogLevel.Warning);
            builder.AddSessionStore();
            builder.AddAnalysis();
            builder.AddAnalyticsCache(runCleanup: false);
            builder.AddApplication();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await run(host.Services).ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });

    /// <summary>
    /// Whoever runs the command line holds the database's own credentials: the local user of access.md §3, who may
    /// read everything. The answers are the application layer's, the same as the API's.
    /// </summary>
    private static Actor Caller => Actor.LocalUser;

    private static async Task<int> ListAsync(SessionQueries sessions, SessionsSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        var status = settings.Status;
        if (status is not null && !SessionStatus.All.Contains(status))
        {
            throw new CliUsageException($"Unknown status '{status}'; use one of {string.Join(", ", SessionStatus.All)}.");
        }

        var limit = CliNumber.Int("--limit", settings.Limit, 50, 1, 10_000);
        var offset = CliNumber.Int("--offset", settings.Offset, 0, 0, int.MaxValue);
        var query = new SessionQuery(status, settings.Patient, Date("--from", settings.From), Date("--to", settings.To), limit, offset);
        var page = (await sessions.ListAsync(Caller, query, cancellationToken).ConfigureAwait(false)).Value!;
        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(page, JsonOutput.Options)).ConfigureAwait(false);
            return CliApplication.Success;
        }

        // The id whole and never wrapped: it is what a user pastes into `emgs sessions show`.
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Id").NoWrap())
            .AddColumns("File", "Patient", "Session date", "Status", "Channels", "Rate (Hz)", "Time (ms)", "Hits");
        foreach (var s in page.Items)
        {
            table.AddRow(
                s.Id.ToString(),
                Markup.Escape(s.FilePath),
                Markup.Escape(s.PatientId ?? "-"),
                s.SessionDate?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(s.ProcessingStatus),
                s.TechnicalData?.ChannelCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
                s.TechnicalData?.SamplingRate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",
                s.ProcessingTimeMs?.ToString("0", CultureInfo.InvariantCulture) ?? "-",
                s.CacheHits.ToString(CultureInfo.InvariantCulture));
        }

        var ansi = CliRendering.For(console);
        ansi.Write(table);
        ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page.Items.Count} of {page.Total} sessions (offset {offset})."));
        return CliApplication.Success;
    }

    private static async Task<int> ShowAsync(SessionQueries sessions, SessionIdLookup ids, string id, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(ids, id, console, cancellationToken).ConfigureAwait(false) is not { } sessionId)
        {
            return CliApplication.Failure;
        }

        var answer = await sessions.GetAsync(Caller, sessionId, cancellationToken).ConfigureAwait(false);
        var processing = await sessions.GetProcessingAsync(Caller, sessionId, includeAnalysis: true, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk || !processing.IsOk)
        {
            var detail = answer.IsOk ? processing.Detail : answer.Detail;
            await console.Error.WriteLineAsync($"emgs sessions: {char.ToLowerInvariant(detail[0])}{detail[1..]}").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        var session = answer.Value!;
        var cacheJson = processing.Value!.AnalysisResults is { ValueKind: JsonValueKind.Object } entry ? entry.GetRawText() : "{}";
        if (json)
        {
            using var cache = JsonDocument.Parse(cacheJson);
            var payload = new Dictionary<string, object?> { ["session"] = session, ["analytics_cache"] = cache.RootElement };
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(payload, JsonOutput.Options)).ConfigureAwait(false);
            return CliApplication.Success;
        }

        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => grid.AddRow(name, Markup.Escape(value ?? "-"));
        Row("id", session.Id.ToString());
        Row("file", session.FilePath);
        Row("sha-256", session.FileHash);
        Row("size", session.FileSizeBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
        Row("patient / session", $"{session.PatientId ?? "-"} / {session.SessionId ?? "-"}");
        Row("session date", session.SessionDate?.ToString("u", CultureInfo.InvariantCulture));
        Row("status", session.ProcessingStatus);
        Row("error", session.ProcessingErrorMessage);
        Row("processing time", session.ProcessingTimeMs?.ToString("0.0 ms", CultureInfo.InvariantCulture));
        if (session.TechnicalData is { } t)
        {
            Row("sampling rate", t.SamplingRate?.ToString("0.## Hz", CultureInfo.InvariantCulture));
            Row("samples / frames", $"{t.OriginalSampleCount?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {t.FrameCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            Row("duration", t.DurationSeconds?.ToString("0.00 s", CultureInfo.InvariantCulture));
            Row("channels", string.Join(", ", t.ChannelNames));
        }

        var summary = AnalyticsSummary.From(cacheJson);
        Row("contractions", AnalyticsSummary.Contractions(summary));
        Row("rms", AnalyticsSummary.RmsValues(summary));
        foreach (var warning in session.Warnings)
        {
            Row("warning", $"{warning.Code}: {warning.Message}");
        }

        foreach (var skipped in session.SkippedChannels)
        {
            Row("skipped channel", $"{skipped.Channel}{(skipped.Unit is null ? "" : $" ({skipped.Unit})")}: {skipped.Reason}");
        }

        CliRendering.For(console).Write(grid);
        return CliApplication.Success;
    }

    /// <summary>The session a whole id or a unique prefix of one names; null (after saying why) when none or several match.</summary>
    /// <exception cref="CliUsageException"><paramref name="id"/> is neither a UUID nor the start of one.</exception>
    internal static async Task<Guid?> ResolveAsync(SessionIdLookup ids, string id, CliConsole console, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(id, out var whole))
        {
            return whole;
        }

        var prefix = SessionIdPrefix.TryParse(id, out var problem) ?? throw new CliUsageException(problem!);
        var matches = (await ids.FindIdsAsync(Caller, prefix, 3, cancellationToken).ConfigureAwait(false)).Value!;
        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                await console.Error.WriteLineAsync($"emgs sessions: no session id starts with '{id}'.").ConfigureAwait(false);
                return null;
            default:
                await console.Error.WriteLineAsync(
                    $"emgs sessions: '{id}' is the start of several session ids ({string.Join(", ", matches)}{(matches.Count > 2 ? ", …" : string.Empty)}); give more of it.").ConfigureAwait(false);
                return null;
        }
    }

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
}
