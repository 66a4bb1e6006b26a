using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.LoadTesting;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs loadtest</c>: starts <c>emgs serve</c> children on loopback (SQLite with one process, then PostgreSQL
/// with two), uploads synthetic recordings into local storage, fires their webhooks at a set rate with
/// duplicates, and reports latency, throughput, memory and whether every session settled exactly once.
/// </summary>
internal sealed class LoadTestCommand : ICliCommand
{
    public string Name => "loadtest";

    public string Summary => "Load-test emgs serve on loopback: webhook latency, throughput, memory, exactly-once.";

    public string Usage =>
        "Usage: emgs loadtest [--recordings N] [--rate R] [--duplicates F] [--workers N[,N...]] [--postgres CONNSTRING]\n" +
        "                     [--processes N] [--no-sqlite] [--min-mb X] [--max-mb Y] [--seed S] [--warmup N] [--timeout SECONDS]\n" +
        "                     [--env KEY=VALUE]... [--json] [--out FILE] [--keep]\n" +
        "  --recordings N    distinct synthetic recordings (default 200; 1-3 MB each)\n" +
        "  --rate R          webhook deliveries per second (default 100)\n" +
        "  --duplicates F    extra deliveries of earlier events, fraction of N (default 0.1)\n" +
        "  --workers LIST    worker slots per serve process; a list runs a series (default: processor count); 0 = Phase 1 only\n" +
        "  --postgres CONN   also run on this PostgreSQL server (Npgsql keywords) with --processes processes\n" +
        "  --processes N     serve processes in the PostgreSQL runs (default 2)\n" +
        "  --no-sqlite       only the PostgreSQL runs\n" +
        "  --warmup N        warm-up deliveries per process before measuring, creating no session (default 20)\n" +
        "  --timeout S       longest wait for the sessions to settle, per run (default 300)\n" +
        "  --env KEY=VALUE   environment variable for the serve children (repeatable), e.g. DOTNET_GCConserveMemory=5\n" +
        "  --json            print the JSON report instead of the summary; --out FILE writes it to FILE as well\n" +
        "  --keep            keep the temporary folder (serve logs, SQLite database, recordings)";

    public IReadOnlyCollection<string> Flags { get; } = ["json", "keep", "no-sqlite"];

    public IReadOnlyCollection<string> ValueOptions { get; } =
        ["recordings", "rate", "duplicates", "workers", "postgres", "processes", "min-mb", "max-mb", "seed", "timeout", "out", "env", "warmup"];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Positionals.Count > 0)
        {
            throw new CliUsageException($"Unexpected argument '{arguments.Positionals[0]}'.");
        }

        var options = Options(arguments);
        if (options.SkipSqlite && options.Postgres is null)
        {
            throw new CliUsageException("--no-sqlite needs --postgres CONN.");
        }

        var json = arguments.Flag("json");
        var runner = new LoadTestRunner(options, json ? console.Error : console.Out);
        LoadTestReport report;
        try
        {
            report = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException or Npgsql.NpgsqlException)
        {
            await console.Error.WriteLineAsync($"emgs loadtest: {e.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        var text = JsonSerializer.Serialize(report, JsonOutput.Options);
        if (arguments.Value("out") is { } path)
        {
            await File.WriteAllTextAsync(path, text + "\n", cancellationToken).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(json ? text : Summarize(report)).ConfigureAwait(false);
        return report.Verified ? CliApplication.Success : CliApplication.Failure;
    }

    internal static LoadTestOptions Options(CliArguments arguments)
    {
        var workers = arguments.Value("workers") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => ParseInt("workers", w, 0, 256)).ToArray()
            : [Environment.ProcessorCount];
        var minMb = Double(arguments, "min-mb", 1, 0.01, 50);
        var maxMb = Double(arguments, "max-mb", 3, minMb, 50);
        return new LoadTestOptions
        {
            Recordings = Int(arguments, "recordings", 200, 1, 100_000),
            Rate = Double(arguments, "rate", 100, 0.1, 10_000),
            Duplicates = Double(arguments, "duplicates", 0.1, 0, 10),
            Workers = workers,
            Postgres = arguments.Value("postgres"),
            PostgresProcesses = Int(arguments, "processes", 2, 1, 16),
            SkipSqlite = arguments.Flag("no-sqlite"),
            MinBytes = (long)(minMb * 1_000_000),
            MaxBytes = (long)(maxMb * 1_000_000),
            Seed = Int(arguments, "seed", 1, 0, int.MaxValue),
            WarmUp = Int(arguments, "warmup", 20, 0, 10_000),
            SettleTimeout = TimeSpan.FromSeconds(Int(arguments, "timeout", 300, 1, 86_400)),
            KeepFiles = arguments.Flag("keep"),
            ChildEnvironment = arguments.Values("env").Select(Pair).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
    }

    internal static string Summarize(LoadTestReport report)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"emgs loadtest on {report.Machine} ({report.Cores} cores): {report.Recordings} recordings, {report.Rate} webhooks/s, {report.Duplicates:P0} duplicates");
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

    private static int Int(CliArguments arguments, string name, int fallback, int min, int max) =>
        arguments.Value(name) is { } text ? ParseInt(name, text, min, max) : fallback;

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new CliUsageException($"--{name} must be a whole number from {min} to {max} (got '{text}').");

    private static double Double(CliArguments arguments, string name, double fallback, double min, double max)
    {
        if (arguments.Value(name) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new CliUsageException($"--{name} must be a number from {min} to {max} (got '{text}').");
    }
}
