using System.Diagnostics;
using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Benchmarks;

/// <summary>
/// The cohort export over the real row source (<see cref="StoreCohortRowSource"/> on a real database), in two steps so
/// that the measuring process does nothing else: <c>seed SPEC SESSIONS</c> fills a database with completed sessions
/// whose analytics are the reference analysis of a real recording (two channels, 29 contractions, about 15 KB each);
/// <c>export SPEC csv|parquet</c> exports every session to a temporary file and reports time, peak working set and GC heap.
/// </summary>
internal static class CohortStoreExportMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case [_, "seed", var spec, var count] when int.TryParse(count, CultureInfo.InvariantCulture, out var sessions) && sessions > 0:
                await SeedAsync(spec, sessions);
                return 0;
            case [_, "export", var spec, "csv" or "parquet"]:
                await ExportAsync(spec, args[3] == "parquet");
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: cohort-store-memory seed SPEC SESSIONS | cohort-store-memory export SPEC csv|parquet   (SPEC: sqlite:PATH or Npgsql keywords)");
                return 2;
        }
    }

    private static async Task SeedAsync(string spec, int sessions)
    {
        await using (var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        var analytics = await File.ReadAllTextAsync(TestFiles.AnalysisReference(TestFiles.Ghostly0881));
        var clock = Stopwatch.StartNew();
        var options = DatabaseOptions.Parse(spec);
        if (options.SqlitePath is { } path)
        {
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                INSERT INTO therapy_sessions (file_path, file_hash, file_size_bytes, patient_id, session_id, session_date, processing_status, analytics_cache, game_metadata)
                SELECT printf('P%03d/s%d/rec.c3d', i % 500, i), printf('%064d', i), 2867920, printf('P%03d', i % 500), printf('s%d', i),
                       strftime('%Y-%m-%dT%H:%M:%fZ', '2023-01-01T09:00:00', '+' || i || ' minutes'), 'completed', $analytics, json_object('level', cast(1 + i % 5 AS TEXT))
                FROM n
                """;
            insert.Parameters.AddWithValue("$count", sessions);
            insert.Parameters.AddWithValue("$analytics", analytics);
            await insert.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(spec);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO therapy_sessions (file_path, file_hash, file_size_bytes, patient_id, session_id, session_date, processing_status, analytics_cache, game_metadata)
                SELECT format('P%s/s%s/rec.c3d', lpad((i % 500)::text, 3, '0'), i), lpad(i::text, 64, '0'), 2867920, 'P' || lpad((i % 500)::text, 3, '0'), 's' || i,
                       timestamptz '2023-01-01 09:00:00+00' + i * interval '1 minute', 'completed', @analytics::jsonb, jsonb_build_object('level', (1 + i % 5)::text)
                FROM generate_series(1, @count) AS i
                """, connection);
            insert.Parameters.AddWithValue("count", sessions);
            insert.Parameters.AddWithValue("analytics", analytics);
            insert.CommandTimeout = 0;
            await insert.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded sessions={sessions} time_ms={clock.Elapsed.TotalMilliseconds:F0}"));
    }

    private static async Task ExportAsync(string spec, bool parquet)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emgs-cohort-store-{Environment.ProcessId}.{(parquet ? "parquet" : "csv")}");
        try
        {
            await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
            var clock = Stopwatch.StartNew();
            var source = new StoreCohortRowSource(store, new SessionQuery(), pseudonymise: true);
            var file = File.Create(path);
            await using (file)
            {
                var written = parquet
                    ? await ExportParquetWriter.WriteAsync(CohortTables.Pseudonymised, source.ReadRowsAsync(), file)
                    : await ExportCsvWriter.WriteAsync(CohortTables.Pseudonymised, source.ReadRowsAsync(), file);
                clock.Stop();
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{store.Engine} {(parquet ? "parquet" : "csv")} rows={written} time_ms={clock.Elapsed.TotalMilliseconds:F0} file_mb={file.Length / 1048576.0:F1} " +
                    $"peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:F1} allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:F0} " +
                    $"gc_heap_at_last_gc_mb={GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1048576.0:F1}"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
