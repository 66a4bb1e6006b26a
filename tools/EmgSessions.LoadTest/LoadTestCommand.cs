using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.Cli;

namespace EmgSessions.LoadTesting;

/// <summary>
/// <c>emgs-loadtest</c>: starts <c>emgs serve</c> children on loopback (SQLite with one process, then PostgreSQL
/// with two), uploads synthetic recordings into local storage, fires their webhooks at a set rate with
/// duplicates, and reports latency, throughput, memory and whether every session settled exactly once.
/// </summary>
internal sealed class LoadTestCommand(CliConsole console) : CliCommand<LoadTestSettings>(console)
{
    protected override async Task<int> RunAsync(LoadTestSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        var options = Options(settings);
        if (options.SkipSqlite && options.Postgres is null)
        {
            throw new CliUsageException("--no-sqlite needs --postgres CONN.");
        }

        var json = settings.Json;
        var runner = new LoadTestRunner(options, json ? console.Error : console.Out);
        LoadTestReport report;
        try
        {
            report = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException or Npgsql.NpgsqlException)
        {
            await console.Error.WriteLineAsync($"{LoadTestProgram.Name}: {e.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        var text = JsonSerializer.Serialize(report, JsonOutput.Options);
        if (settings.Out is { } path)
        {
            await File.WriteAllTextAsync(path, text + "\n", cancellationToken).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(json ? text : Summarize(report)).ConfigureAwait(false);
        return report.Verified ? CliApplication.Success : CliApplication.Failure;
    }

    internal static LoadTestOptions Options(LoadTestSettings settings)
    {
        var workers = settings.Workers is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => ParseInt("workers", w, 0, 256)).ToArray()
            : [Environment.ProcessorCount];
        var minMb = Double("min-mb", settings.MinMb, 1, 0.01, 50);
        var maxMb = Double("max-mb", settings.MaxMb, 3, minMb, 50);
        var options = new LoadTestOptions
        {
            Recordings = Int("recordings", settings.Recordings, 200, 1, 100_000),
            Rate = Double("rate", settings.Rate, 100, 0.1, 10_000),
            Duplicates = Double("duplicates", settings.Duplicates, 0.1, 0, 10),
            Workers = workers,
            Postgres = settings.Postgres,
            PostgresProcesses = Int("processes", settings.Processes, 2, 1, 16),
            SkipSqlite = settings.NoSqlite,
            MinBytes = (long)(minMb * 1_000_000),
            MaxBytes = (long)(maxMb * 1_000_000),
            Seed = Int("seed", settings.Seed, 1, 0, int.MaxValue),
            WarmUp = Int("warmup", settings.WarmUp, 20, 0, 10_000),
            SettleTimeout = TimeSpan.FromSeconds(Int("timeout", settings.Timeout, 300, 1, 86_400)),
            KeepFiles = settings.Keep,
            ChildEnvironment = settings.Environment.Select(Pair).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        return settings.Emgs is { } dll ? options with { EmgsDll = Path.GetFullPath(dll) } : options;
    }

    internal static string Summarize(LoadTestReport report)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"emgs-loadtest on {report.Machine} ({report.Cores} cores): {report.Recordings} recordings, {report.Rate} webhooks/s, {report.Duplicates:P0} duplicates");
        s.AppendLine("database     procs×slots  webhook p50/p95/p99 ms   sessions/s  MB/s   end-to-end p50/p95/p99 ms   peak MB (per process)   result");
        foreach (var r in report.Runs)
        {
            var w = r.WebhookLatencyMs;
            var e = r.EndToEndMs;
            var peak = string.Join(" ", r.ProcessReports.Select(p => p.PeakMemoryMb.ToString("F0", c)));
            var result = r.Verified ? "ok: each file one session, analysed once" : $"{r.Problems.Count} problem(s)";
            s.AppendLine(c, $"{r.Database,-12} {r.Processes}×{r.WorkersPerProcess,-10} {w.P50,6:F1} {w.P95,6:F1} {w.P99,7:F1}    {r.SessionsCompletedPerSecond,9:F1}  {r.MegabytesIngestedPerSecond,5:F1}  {e.P50,7:F0} {e.P95,7:F0} {e.P99,7:F0}       {peak,-22}  {result}");
            s.AppendLine(c, $"{"",12} {r.Completed} completed, {r.Failed} failed, {r.NotSettled} unsettled; {r.Deliveries} deliveries ({r.DuplicateDeliveries} duplicates) at {r.AchievedRate}/s, statuses {string.Join(", ", r.WebhookStatuses.Select(kv => $"{kv.Key}: {kv.Value}"))}; Phase 1 in server p50/p99 {r.Phase1Ms.P50:F1}/{r.Phase1Ms.P99:F1} ms; worker time p50 {r.ProcessingTimeMs.P50:F0} ms; CPU s {string.Join(" ", r.ProcessReports.Select(p => p.CpuSeconds.ToString("F1", c)))}");
            foreach (var problem in r.Problems.Take(5))
            {
                s.AppendLine(c, $"{"",12} ! {problem}");
            }
        }

        return s.ToString().TrimEnd();
    }

    private static KeyValuePair<string, string> Pair(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new KeyValuePair<string, string>(text[..equals], text[(equals + 1)..])
            : throw new CliUsageException($"--env needs KEY=VALUE (got '{text}').");
    }

    private static int Int(string name, string? text, int fallback, int min, int max) =>
        text is not null ? ParseInt(name, text, min, max) : fallback;

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new CliUsageException($"--{name} must be a whole number from {min} to {max} (got '{text}').");

    private static double Double(string name, string? text, double fallback, double min, double max)
    {
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new CliUsageException($"--{name} must be a number from {min} to {max} (got '{text}').");
    }
}
