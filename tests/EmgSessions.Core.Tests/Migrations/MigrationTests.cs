using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Migrations;

/// <summary>The migrations and the runner, written once and run on both engines.</summary>
public abstract partial class MigrationTests(TestDatabases databases)
{
    private const string R1 = "00000000-0000-4000-8000-000000000001";
    private const string R2 = "00000000-0000-4000-8000-000000000002";
    private const string R3 = "00000000-0000-4000-8000-000000000003";
    private const string R4 = "00000000-0000-4000-8000-000000000004";
    private const string R5 = "00000000-0000-4000-8000-000000000005";
    private const string R6 = "00000000-0000-4000-8000-000000000006";
    private const string R7 = "00000000-0000-4000-8000-000000000007";
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    /// <summary>The catalogue: columns and types, constraints, indexes, view definitions, triggers.</summary>
    protected abstract Task<List<string>> CatalogueAsync(string spec);

    [Fact]
    public async Task A_fresh_database_gets_every_migration_once()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        var applied = await runner.ApplyAsync(None);
        var again = await runner.ApplyAsync(None);

        Assert.Equal([10, 20, 21, 30, 31, 32, 40, 50, 60, 70, 80, 90, 100], applied.Select(m => m.Version));
        Assert.Equal("database_schema_separation_final", applied[1].Name);
        Assert.Empty(again);
        var status = await runner.GetStatusAsync(None);
        Assert.All(status, s => Assert.False(s.Pending));
        Assert.All(status, s => Assert.True(s.ChecksumMatches));
        Assert.Equal(13L, Convert.ToInt64(await Databases.ScalarAsync(spec, "SELECT count(*) FROM schema_migrations"), CultureInfo.InvariantCulture));
        Assert.Equal("fresh", (await runner.GetAdoptionAsync(None))!.State);
    }

    [Fact]
    public async Task Concurrent_starts_apply_each_migration_once()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        var runners = Enumerable.Range(0, 4).Select(_ => SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance)).ToList();

        var results = await Task.WhenAll(runners.Select(r => Task.Run(() => r.ApplyAsync(None))));

        Assert.Equal(13, results.Sum(r => r.Count));
        Assert.Equal([10, 20, 21, 30, 31, 32, 40, 50, 60, 70, 80, 90, 100], results.SelectMany(r => r).Select(m => m.Version).Order());
        foreach (var runner in runners)
        {
            await runner.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_predecessor_database_is_adopted_and_every_value_is_found_afterwards()
    {
        var spec = await PredecessorAsync();
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);

        await store.MigrateAsync(None);

        // Sessions are all there, with their metadata and the unknown column.
        Assert.Equal(7, (await store.ListSessionsAsync(new SessionQuery(), None)).Total);
        Assert.Equal("keep me ✓", await Databases.ScalarAsync(spec, $"SELECT legacy_note FROM therapy_sessions WHERE id = '{R1}'"));
        var r1 = (await store.GetSessionAsync(Guid.Parse(R1), None))!;
        Assert.Equal("P001/s1/a.c3d", r1.FilePath);
        Assert.Equal("P001", r1.PatientId);
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero), r1.SessionDate);
        Assert.Equal(1, JsonDocument.Parse(r1.GameMetadataJson).RootElement.GetProperty("a").GetInt32());
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), r1.UpdatedAt);

        // Technical values moved, zeros became NULL, extracted_at = COALESCE(updated_at, created_at).
        var t1 = r1.Technical!;
        Assert.Equal(1000, t1.OriginalSamplingRate!.Value, 3);
        Assert.Equal(1000, t1.SamplingRate!.Value, 3);
        Assert.Equal(12.5, t1.OriginalDurationSeconds!.Value, 3);
        Assert.Equal(12.5, t1.DurationSeconds!.Value, 3);
        Assert.Equal(12500, t1.OriginalSampleCount);
        Assert.Equal(2, t1.ChannelCount);
        Assert.Null(t1.FrameCount);
        Assert.Equal(["EMG1", "Ünï ✓"], t1.ChannelNames);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), t1.ExtractedAt);
        Assert.Null((await store.GetSessionAsync(Guid.Parse(R2), None))!.Technical);
        Assert.Null((await store.GetSessionAsync(Guid.Parse(R3), None))!.Technical);
        Assert.Equal("{}", (await store.GetSessionAsync(Guid.Parse(R3), None))!.GameMetadataJson.Replace(" ", string.Empty, StringComparison.Ordinal));

        // Channel names that were not an array of strings are kept as they were.
        var r4 = (await store.GetSessionAsync(Guid.Parse(R4), None))!;
        Assert.Equal(2000, r4.Technical!.OriginalSamplingRate!.Value, 3);
        Assert.Null(r4.Technical.ChannelCount);
        Assert.Empty(r4.Technical.ChannelNames);
        Assert.Equal("EMG1", Legacy(r4).GetProperty("left").GetString());
        Assert.Equal("x", JsonDocument.Parse(r4.GameMetadataJson).RootElement.GetProperty("game").GetString());
        var r5 = (await store.GetSessionAsync(Guid.Parse(R5), None))!;
        Assert.Null(r5.Technical);
        Assert.Equal([1, 2.5], Legacy(r5).EnumerateArray().Select(e => e.GetDouble()));
        var r6 = (await store.GetSessionAsync(Guid.Parse(R6), None))!;
        Assert.Equal(3.25, r6.Technical!.OriginalDurationSeconds!.Value, 6);
        Assert.Null(r6.Technical.OriginalSamplingRate);
        Assert.Equal("EMG1", Legacy(r6).GetString());
        Assert.Equal(new DateTimeOffset(2022, 5, 6, 7, 8, 9, TimeSpan.Zero), r6.Technical.ExtractedAt);

        // Completed sessions keep their cache; waiting ones were queued, a processing one keeps its status.
        var r7 = (await store.GetSessionAsync(Guid.Parse(R7), None))!;
        Assert.Equal("Pé/ü ✓.c3d", r7.FilePath);
        Assert.Equal(SessionStatus.Completed, r7.ProcessingStatus);
        Assert.Equal(5, r7.CacheHits);
        Assert.Equal("v0", JsonDocument.Parse(r7.AnalyticsCacheJson).RootElement.GetProperty("processing_version").GetString());
        Assert.Equal(5, (await store.GetQueueStatisticsAsync(None)).JobsDue); // pending, processing and reprocessing ones
        Assert.Equal(SessionStatus.Processing, r5.ProcessingStatus);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), r5.UpdatedAt);
        Assert.Equal("RP", JsonDocument.Parse(r1.GameMetadataJson).RootElement.GetProperty("legacy_resolved").GetProperty("resolved_patient_id").GetString());

        // The resolved_* and technical columns are gone from the table.
        var columns = (await Databases.QueryAsync(spec, Databases.Engine == DatabaseEngine.Sqlite
                ? "SELECT name FROM pragma_table_info('therapy_sessions')"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'therapy_sessions'"))
            .Select(r => (string)r[0]!).ToList();
        Assert.Contains("legacy_note", columns);
        Assert.Contains("game_metadata", columns);
        Assert.Empty(columns.Intersect(["original_sampling_rate", "original_duration_seconds", "original_sample_count", "channel_count",
            "channel_names", "resolved_patient_id", "resolved_therapist_id", "resolved_session_date"]));
    }

    [Fact]
    public async Task A_second_run_on_an_adopted_database_changes_nothing()
    {
        var spec = await PredecessorAsync();
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);
        await runner.ApplyAsync(None);
        var catalogue = await CatalogueAsync(spec);
        var rows = await Databases.QueryAsync(spec, "SELECT * FROM therapy_sessions_with_technical ORDER BY id");

        Assert.Empty(await runner.ApplyAsync(None));

        Assert.Equal(catalogue, await CatalogueAsync(spec));
        Assert.Equal(rows, await Databases.QueryAsync(spec, "SELECT * FROM therapy_sessions_with_technical ORDER BY id"));
    }

    [Fact]
    public async Task An_adopted_database_and_a_fresh_one_end_with_the_same_schema()
    {
        var adopted = await Databases.NewEmptyDatabaseAsync();
        await Databases.ExecuteAsync(adopted, Script(10));
        var fresh = await Databases.NewEmptyDatabaseAsync();

        await using (var runner = SessionStoreFactory.CreateMigrationRunner(adopted, NullLoggerFactory.Instance))
        {
            await runner.ApplyAsync(None);
        }

        await using (var runner = SessionStoreFactory.CreateMigrationRunner(fresh, NullLoggerFactory.Instance))
        {
            await runner.ApplyAsync(None);
        }

        var expected = await CatalogueAsync(fresh);
        Assert.Contains(expected, line => line.Contains("therapy_sessions_with_technical", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("idx_c3d_technical_data_sampling_rate", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("idx_webhook_deliveries_expires_at", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("idx_therapy_sessions_created_id", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("idx_therapy_sessions_session_date_id", StringComparison.Ordinal));
        Assert.Equal(expected, await CatalogueAsync(adopted));
    }

    [Fact]
    public async Task A_predecessor_that_already_has_the_technical_table_is_baselined_at_021()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await Databases.ExecuteAsync(spec, Script(10) + "\n" + Script(20) + "\n" + Script(21));
        var fresh = await Databases.NewEmptyDatabaseAsync();
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        var applied = await runner.ApplyAsync(None);

        Assert.Equal([30, 31, 32, 40, 50, 60, 70, 80, 90, 100], applied.Select(m => m.Version));
        Assert.All(await runner.GetStatusAsync(None), s => Assert.False(s.Pending));
        await using var freshRunner = SessionStoreFactory.CreateMigrationRunner(fresh, NullLoggerFactory.Instance);
        await freshRunner.ApplyAsync(None);
        Assert.Equal(await CatalogueAsync(fresh), await CatalogueAsync(spec));
    }

    [Fact]
    public async Task A_failed_adoption_leaves_the_database_exactly_as_it_was()
    {
        var spec = await PredecessorAsync();
        await Databases.ExecuteAsync(spec, "CREATE VIEW predecessor_channels AS SELECT id, channel_names FROM therapy_sessions");
        var catalogue = await CatalogueAsync(spec);
        var rows = await Databases.QueryAsync(spec, "SELECT * FROM therapy_sessions ORDER BY id");
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync(None));

        Assert.Contains("020_database_schema_separation_final", error.Message, StringComparison.Ordinal);
        Assert.Contains("unchanged", error.Message, StringComparison.Ordinal);
        Assert.All(await runner.GetStatusAsync(None), s => Assert.True(s.Pending));
        Assert.Equal(catalogue, await CatalogueAsync(spec));
        Assert.Equal(rows, await Databases.QueryAsync(spec, "SELECT * FROM therapy_sessions ORDER BY id"));
        Assert.Null(await runner.GetAdoptionAsync(None));
    }

    [Fact]
    public async Task A_therapy_sessions_table_of_no_known_shape_is_refused_before_anything_changes()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await Databases.ExecuteAsync(spec, "CREATE TABLE therapy_sessions (id TEXT PRIMARY KEY, note TEXT)");
        var catalogue = await CatalogueAsync(spec);
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync(None));
        var preview = await Assert.ThrowsAsync<MigrationException>(() => runner.PreviewAsync(None));

        Assert.Contains("matches no known shape", error.Message, StringComparison.Ordinal);
        Assert.Contains("id, note", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, preview.Message);
        Assert.Equal(catalogue, await CatalogueAsync(spec));
    }

    [Fact]
    public async Task The_preview_of_a_predecessor_names_its_shape_and_counts_what_moves_without_changing_anything()
    {
        var spec = await PredecessorAsync();
        var catalogue = await CatalogueAsync(spec);
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        var preview = await runner.PreviewAsync(None);

        Assert.Equal("pre-separation", preview.State);
        Assert.Equal(10, preview.Baseline);
        Assert.Equal([20, 21, 30, 31, 32, 40, 50, 60, 70, 80, 90, 100], preview.Pending.Select(m => m.Version));
        Assert.Equal(7, preview.Counts.Single(c => c.Label == "sessions (all kept)").Count);
        Assert.Equal(1, preview.Counts.Single(c => c.Label.StartsWith("sessions whose resolved_*", StringComparison.Ordinal)).Count);
        Assert.Contains(preview.Steps, s => s.Contains("legacy_resolved", StringComparison.Ordinal));
        Assert.Equal(catalogue, await CatalogueAsync(spec));
    }

    [Fact]
    public async Task A_changed_checksum_of_an_applied_migration_is_reported()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);
        await runner.ApplyAsync(None);
        await Databases.ExecuteAsync(spec, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 20");

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync(None));

        Assert.Contains("020_database_schema_separation_final", error.Message, StringComparison.Ordinal);
        Assert.Contains("edited", error.Message, StringComparison.Ordinal);
        Assert.Equal([20], (await runner.GetStatusAsync(None)).Where(s => !s.ChecksumMatches).Select(s => s.Version));
    }

    /// <summary>
    /// A predecessor database as it was found in production: the 010 table whose technical columns were
    /// relaxed (zeros and NULLs exist), with a column this schema does not know, no schema_migrations.
    /// </summary>
    protected async Task<string> PredecessorAsync()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        var ddl = Relaxed().Replace(Script(10), "$1 $2");
        ddl = Regex.Replace(ddl, @"channel_names (JSONB|TEXT) NOT NULL DEFAULT '\[\]'", "channel_names $1");
        ddl = Regex.Replace(ddl, @"last_accessed_at (TIMESTAMPTZ|TEXT)\n\);", "last_accessed_at $1,\n    legacy_note TEXT\n);");
        Assert.Contains("legacy_note", ddl, StringComparison.Ordinal);
        await Databases.ExecuteAsync(spec, ddl);
        await Databases.ExecuteAsync(spec, $$"""
            INSERT INTO therapy_sessions (id, file_path, file_hash, file_size_bytes, original_filename, patient_id, session_id, session_date,
                processing_status, analytics_cache, cache_hits, game_metadata, original_sampling_rate, original_duration_seconds,
                original_sample_count, channel_count, channel_names, resolved_patient_id, created_at, updated_at, legacy_note)
            VALUES
            ('{{R1}}', 'P001/s1/a.c3d', 'h1', 10, 'a.c3d', 'P001', 's1', '2023-03-21T17:50:17.000Z', 'pending', '{}', 0, '{"a":1}',
             1000, 12.5, 12500, 2, '["EMG1","Ünï ✓"]', 'RP', '2024-01-01T00:00:00.000Z', '2024-01-02T03:04:05.000Z', 'keep me ✓'),
            ('{{R2}}', 'P002/zeros.c3d', 'h2', 10, NULL, NULL, NULL, NULL, 'pending', '{}', 0, '{}', 0, 0, 0, 0, '[]', NULL,
             '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', NULL),
            ('{{R3}}', 'P003/nulls.c3d', 'h3', 10, NULL, NULL, NULL, NULL, 'failed', '{}', 0, '{}', NULL, NULL, NULL, NULL, NULL, NULL,
             '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', NULL),
            ('{{R4}}', 'P004/object.c3d', 'h4', 10, NULL, NULL, NULL, NULL, 'pending', '{}', 0, '{"game":"x"}', 2000, NULL, NULL, 0,
             '{"left":"EMG1"}', NULL, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', NULL),
            ('{{R5}}', 'P005/numbers.c3d', 'h5', 10, NULL, NULL, NULL, NULL, 'processing', '{}', 0, '{}', NULL, NULL, NULL, NULL,
             '[1,2.5]', NULL, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', NULL),
            ('{{R6}}', 'P006/scalar.c3d', 'h6', 10, NULL, NULL, NULL, NULL, 'reprocessing', '{}', 0, '{}', NULL, 3.25, NULL, NULL,
             '"EMG1"', NULL, '2022-05-06T07:08:09.000Z', '2022-05-06T07:08:09.000Z', NULL),
            ('{{R7}}', 'Pé/ü ✓.c3d', 'h7', 10, 'ü ✓.c3d', NULL, NULL, NULL, 'completed', '{"analytics":{},"processing_version":"v0"}', 5, '{}',
             500, 1, 500, 1, '["Ω"]', NULL, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', NULL)
            """);
        return spec;
    }

    private string Script(int version) => MigrationScripts.For(Databases.Engine).Single(m => m.Version == version).Sql;

    private static JsonElement Legacy(SessionRecord session) =>
        JsonDocument.Parse(session.GameMetadataJson).RootElement.GetProperty("legacy_channel_names");

    private static string Compact(object? json) => JsonSerializer.Serialize(JsonDocument.Parse((string)json!).RootElement);

    [GeneratedRegex(@"(original_sampling_rate|original_duration_seconds|original_sample_count|channel_count) (REAL|INTEGER) NOT NULL CHECK \([^)]*\)")]
    private static partial Regex Relaxed();
}
