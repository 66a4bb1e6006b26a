using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EmgSessions.LoadTesting;

/// <summary>
/// Runs the load test: makes the corpus once, then for each configuration starts fresh serve processes on a
/// fresh database, fires the webhooks, waits for every session to settle, measures and verifies. Traffic
/// goes to 127.0.0.1 only; every wait is bounded; the children are killed and the temp folder removed at the end.
/// </summary>
internal sealed class LoadTestRunner(LoadTestOptions options, TextWriter progress)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<LoadTestReport> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.EmgsDll))
        {
            throw new FileNotFoundException($"emgs.dll not found at {options.EmgsDll}.");
        }

        var root = Directory.CreateTempSubdirectory("emgs-loadtest-").FullName;
        try
        {
            var started = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var corpus = RecordingCorpus.Create(Path.Combine(root, "storage"), options.Recordings, options.MinBytes, options.MaxBytes, options.Seed);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"loadtest: {corpus.Files.Count} recordings, {corpus.TotalBytes / 1e6:F0} MB, written in {watch.Elapsed.TotalSeconds:F1} s under {root}")).ConfigureAwait(false);

            var runs = new List<LoadTestRunReport>();
            var index = 0;
            foreach (var workers in options.Workers)
            {
                if (!options.SkipSqlite)
                {
                    runs.Add(await RunOnceAsync(corpus, Path.Combine(root, $"run{++index}"), "sqlite", 1, workers, cancellationToken).ConfigureAwait(false));
                }

                if (options.Postgres is not null)
                {
                    runs.Add(await RunOnceAsync(corpus, Path.Combine(root, $"run{++index}"), "postgresql", options.PostgresProcesses, workers, cancellationToken).ConfigureAwait(false));
                }
            }

            return new LoadTestReport(LoadTestReport.MachineDescription(), Environment.ProcessorCount, started, options.Recordings, options.Rate, options.Duplicates, runs);
        }
        finally
        {
            if (!options.KeepFiles)
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private async Task<LoadTestRunReport> RunOnceAsync(
        RecordingCorpus corpus, string runRoot, string database, int processCount, int workers, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"loadtest: {database}, {processCount} process(es) × {workers} worker slots …").ConfigureAwait(false);
        Directory.CreateDirectory(runRoot);
        await using var postgres = database == "postgresql"
            ? await LoadTestDatabase.CreateAsync(options.Postgres!, cancellationToken).ConfigureAwait(false)
            : null;
        var spec = postgres?.ConnectionString ?? "sqlite:" + Path.Combine(runRoot, "emgs.db");
        var storage = "local:" + corpus.StorageRoot;
        var processes = new List<ServeProcess>();
        try
        {
            for (var p = 0; p < processCount; p++)
            {
                processes.Add(await ServeProcess.StartAsync(
                    $"serve{p + 1}", options.EmgsDll, Path.Combine(runRoot, $"serve{p + 1}"), spec, storage, workers, options.ChildEnvironment, cancellationToken).ConfigureAwait(false));
            }

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            var schedule = WebhookFirer.Schedule(corpus.Files.Count, options.Duplicates, options.Seed);
            var firer = new WebhookFirer(client, [.. processes.Select(p => p.BaseAddress)]);
            await firer.WarmUpAsync(options.WarmUp, cancellationToken).ConfigureAwait(false);
            var firing = Stopwatch.StartNew();
            var deliveries = await firer.FireAsync(corpus.Files, schedule, options.Rate, cancellationToken).ConfigureAwait(false);
            var firingSeconds = firing.Elapsed.TotalSeconds;

            var sessions = await SettleAsync(client, processes, corpus.Files.Count, workers, cancellationToken).ConfigureAwait(false);
            var samples = processes.Select(p => p.Sample()).ToArray();
            return Measure(database, processes, samples, workers, corpus, deliveries, firingSeconds, sessions);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls the sessions list until every file has settled (completed or failed) or the timeout passes; returns all sessions.</summary>
    private async Task<IReadOnlyList<SessionRow>> SettleAsync(
        HttpClient client, IReadOnlyList<ServeProcess> processes, int expected, int workers, CancellationToken cancellationToken)
    {
        var server = processes[0].BaseAddress;
        var deadline = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (deadline.Elapsed < options.SettleTimeout)
        {
            foreach (var process in processes)
            {
                process.Sample();
            }

            // Without workers (--workers 0: Phase 1 alone) a session has settled once it exists.
            var completed = await CountAsync(client, server, workers == 0 ? null : "completed", cancellationToken).ConfigureAwait(false);
            var failed = workers == 0 ? 0 : await CountAsync(client, server, "failed", cancellationToken).ConfigureAwait(false);
            if (completed + failed >= expected)
            {
                break;
            }

            if (deadline.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = deadline.Elapsed;
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  … {completed} completed, {failed} failed of {expected}")).ConfigureAwait(false);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        var rows = new List<SessionRow>();
        for (var offset = 0; ; offset += 500)
        {
            using var page = await GetJsonAsync(client, new Uri(server, $"api/sessions?limit=500&offset={offset}"), cancellationToken).ConfigureAwait(false);
            var items = page.RootElement.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                rows.Add(SessionRow.From(item));
            }

            if (items.GetArrayLength() < 500)
            {
                return rows;
            }
        }
    }

    private static async Task<long> CountAsync(HttpClient client, Uri server, string? status, CancellationToken cancellationToken)
    {
        var filter = status is null ? "" : "&status=" + status;
        using var page = await GetJsonAsync(client, new Uri(server, "api/sessions?limit=1" + filter), cancellationToken).ConfigureAwait(false);
        return page.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private LoadTestRunReport Measure(
        string database, IReadOnlyList<ServeProcess> processes, IReadOnlyList<ProcessSample?> samples, int workers, RecordingCorpus corpus,
        IReadOnlyList<WebhookDelivery> deliveries, double firingSeconds, IReadOnlyList<SessionRow> sessions)
    {
        var problems = new List<string>();
        var files = corpus.Files;
        var byPath = sessions.GroupBy(s => s.FilePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        // One session per distinct file, every one completed.
        if (sessions.Count != files.Count)
        {
            problems.Add($"{sessions.Count} sessions for {files.Count} distinct files");
        }

        foreach (var (path, rows) in byPath.Where(p => p.Value.Length > 1))
        {
            problems.Add($"{rows.Length} sessions for {path}");
        }

        var missing = files.Where(f => !byPath.ContainsKey(f.Key)).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"{missing.Length} files have no session (first: {missing[0].Key})");
        }

        foreach (var s in sessions.Where(s => s.Status != (workers == 0 ? "pending" : "completed")).Take(10))
        {
            problems.Add($"session {s.Id} ({s.FilePath}) is {s.Status}: {s.Error ?? "no message"}");
        }

        // Every delivery of a file answered with the same session id.
        foreach (var group in deliveries.GroupBy(d => d.FileIndex))
        {
            var ids = group.Select(d => d.ProcessingId).Distinct().ToArray();
            var path = files[group.Key].Key;
            if (ids.Length != 1 || ids[0] is null)
            {
                problems.Add($"deliveries of {path} answered {string.Join(", ", ids.Select(i => i?.ToString() ?? "no id"))}: {group.FirstOrDefault(d => d.Error is not null)?.Error}");
            }
            else if (byPath.TryGetValue(path, out var rows) && rows[0].Id != ids[0])
            {
                problems.Add($"the webhook answered {ids[0]} for {path} but its session is {rows[0].Id}");
            }
        }

        // Each session analysed exactly once, across all processes (from the workers' log events).
        var analyses = processes.SelectMany(p => p.Completed).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        foreach (var s in sessions.Where(s => s.Status == "completed"))
        {
            var n = analyses.GetValueOrDefault(s.Id);
            if (n != 1)
            {
                problems.Add($"session {s.Id} ({s.FilePath}) was analysed {n} times");
            }
        }

        var firstSent = deliveries.Min(d => d.SentAt);
        var firstSentByFile = deliveries.GroupBy(d => d.FileIndex).ToDictionary(g => files[g.Key].Key, g => g.Min(d => d.SentAt), StringComparer.Ordinal);
        var completed = sessions.Where(s => s.Status == "completed" && s.ProcessedAt is not null).ToArray();
        var lastProcessed = completed.Length > 0 ? completed.Max(s => s.ProcessedAt!.Value) : DateTimeOffset.UtcNow;
        var wall = Math.Max(1e-3, (lastProcessed - firstSent).TotalSeconds);
        var completedBytes = completed.Sum(s => s.FileSizeBytes);

        return new LoadTestRunReport
        {
            Database = database,
            Processes = processes.Count,
            WorkersPerProcess = workers,
            Recordings = files.Count,
            RecordingBytes = corpus.TotalBytes,
            Deliveries = deliveries.Count,
            DuplicateDeliveries = deliveries.Count(d => d.Duplicate),
            TargetRate = options.Rate,
            AchievedRate = Math.Round(deliveries.Count / Math.Max(1e-3, firingSeconds), 1),
            WebhookStatuses = deliveries.GroupBy(d => d.StatusCode.ToString(CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            WebhookLatencyMs = Percentiles.Of(deliveries.Select(d => d.LatencyMs)),
            Phase1Ms = Percentiles.Of(processes.SelectMany(p => p.Phase1Ms)),
            WallSeconds = Math.Round(wall, 2),
            SessionsCompletedPerSecond = Math.Round(completed.Length / wall, 1),
            MegabytesIngestedPerSecond = Math.Round(completedBytes / 1e6 / wall, 1),
            EndToEndMs = Percentiles.Of(completed.Where(s => firstSentByFile.ContainsKey(s.FilePath))
                .Select(s => (s.ProcessedAt!.Value - firstSentByFile[s.FilePath]).TotalMilliseconds)),
            ProcessingTimeMs = Percentiles.Of(completed.Where(s => s.ProcessingTimeMs is not null).Select(s => s.ProcessingTimeMs!.Value)),
            Completed = completed.Length,
            Failed = sessions.Count(s => s.Status == "failed"),
            NotSettled = sessions.Count(s => s.Status is not ("completed" or "failed")) + missing.Length,
            ProcessReports = [.. processes.Select((p, i) => new LoadTestProcessReport(
                p.Name, p.Pid, Math.Round((samples[i]?.PeakResidentBytes ?? 0) / 1048576.0, 1), samples[i]?.CpuSeconds ?? 0,
                p.Completed.Values.Sum(), p.Claimed.Values.Sum(), p.LogPath))],
            Problems = problems,
        };
    }
}
