using System.Data.Common;
using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Migrations;

/// <summary>Migration 040 (jobs with kinds) on a database of ours at 032, written once and run on both engines.</summary>
public abstract class JobKindsMigrationTests(TestDatabases databases)
{
    private const string Waiting = "00000000-0000-4000-8000-0000000000a1";
    private const string Leased = "00000000-0000-4000-8000-0000000000a2";
    private const string Retried = "00000000-0000-4000-8000-0000000000a3";
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    [Fact]
    public async Task A_database_at_032_with_waiting_and_leased_jobs_keeps_them_through_040_and_they_run()
    {
        var spec = await DatabaseAt032Async();
        await Databases.ExecuteAsync(spec, $"""
            INSERT INTO therapy_sessions (id, file_path, file_hash, file_size_bytes, processing_status) VALUES
                ('{Waiting}', 'P1/waiting.c3d', 'h1', 10, 'pending'),
                ('{Leased}', 'P1/leased.c3d', 'h2', 10, 'processing'),
                ('{Retried}', 'P1/retried.c3d', 'h3', 10, 'pending');
            INSERT INTO processing_jobs (session_id, attempts, run_after, locked_by, locked_until, last_error, created_at) VALUES
                ('{Waiting}', 0, '2024-01-01T00:00:00.000Z', NULL, NULL, NULL, '2024-01-01T00:00:00.000Z'),
                ('{Leased}', 1, '2024-01-01T00:00:00.000Z', 'old-host/0', '2099-01-01T00:00:00.000Z', NULL, '2024-01-01T00:00:01.000Z'),
                ('{Retried}', 2, '2024-01-01T00:00:00.000Z', NULL, NULL, 'storage timed out', '2024-01-01T00:00:02.000Z');
            """);
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);

        await store.MigrateAsync(None);

        await Assert.ThrowsAnyAsync<DbException>(() => Databases.QueryAsync(spec, "SELECT * FROM processing_jobs"));
        var jobs = await Databases.QueryAsync(spec, "SELECT session_id, kind, payload, dedup_key, state, attempts, locked_by, last_error FROM jobs ORDER BY created_at");
        Assert.Equal(
            [
                $"{Waiting}|process-session|{{\"session_id\":\"{Waiting}\"}}|{Waiting}|pending|0||",
                $"{Leased}|process-session|{{\"session_id\":\"{Leased}\"}}|{Leased}|running|1|old-host/0|",
                $"{Retried}|process-session|{{\"session_id\":\"{Retried}\"}}|{Retried}|pending|2||storage timed out",
            ],
            jobs.Select(r => string.Join('|', r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        Assert.Equal([("1", "old-host/0", "running")], await AttemptsAsync(spec, Leased));
        var queue = await store.GetQueueStatisticsAsync(None);
        Assert.Equal((2L, 1L), (queue.JobsDue, queue.JobsLeased));

        // They run: the leased one once its crashed owner's identity takes it back, the others at once.
        Assert.Equal(1, await store.ReclaimLeasesAsync("old-host/", None));
        var claimed = new List<ClaimedJob>();
        while (await store.ClaimJobAsync("new-host/0", TimeSpan.FromMinutes(5), None) is { } job)
        {
            claimed.Add(job);
            Assert.True(await store.CompleteJobAsync(SessionStoreTests.Completion(job.SessionId, "new-host/0"), None));
        }

        Assert.Equal(
            [(Guid.Parse(Waiting), 1, "P1/waiting.c3d"), (Guid.Parse(Leased), 2, "P1/leased.c3d"), (Guid.Parse(Retried), 3, "P1/retried.c3d")],
            claimed.Select(j => (j.SessionId, j.Attempts, j.FilePath)).OrderBy(j => j.FilePath == "P1/waiting.c3d" ? 0 : j.FilePath == "P1/leased.c3d" ? 1 : 2));
        foreach (var id in new[] { Waiting, Leased, Retried })
        {
            Assert.Equal(SessionStatus.Completed, (await store.GetSessionAsync(Guid.Parse(id), None))!.ProcessingStatus);
        }

        Assert.Equal([("1", "old-host/0", "abandoned"), ("2", "new-host/0", "succeeded")], await AttemptsAsync(spec, Leased));
    }

    /// <summary>
    /// An empty database brought to 032 as this application's runner left it before 040: the scripts up to 032 applied
    /// and recorded in <c>schema_migrations</c>.
    /// </summary>
    private async Task<string> DatabaseAt032Async()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await Databases.ExecuteAsync(spec, Databases.Engine == DatabaseEngine.Sqlite
            ? "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
            : "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        foreach (var migration in MigrationScripts.For(Databases.Engine).Where(m => m.Version <= 32))
        {
            await Databases.ExecuteAsync(spec, migration.Sql);
            await Databases.ExecuteAsync(spec,
                $"INSERT INTO schema_migrations (version, name, checksum) VALUES ({migration.Version}, '{migration.Name}', '{migration.Checksum}')");
        }

        return spec;
    }

    private async Task<List<(string Attempt, string Worker, string Outcome)>> AttemptsAsync(string spec, string sessionId)
    {
        var rows = await Databases.QueryAsync(spec,
            $"SELECT a.attempt, a.worker_id, a.outcome FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE j.session_id = '{sessionId}' ORDER BY a.id");
        return [.. rows.Select(r => (Convert.ToString(r[0], CultureInfo.InvariantCulture)!, (string)r[1]!, (string)r[2]!))];
    }
}
