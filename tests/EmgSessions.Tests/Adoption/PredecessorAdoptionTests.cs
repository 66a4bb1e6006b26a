using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using EmgSessions.Testing;
using EmgSessions.Testing.Databases;
using EmgSessions.Tests.Cli;
using EmgSessions.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>
/// Adoption of each real predecessor state (<c>../shared/predecessor-db</c>) filled with our rows: the dry run, the
/// migration with before/after snapshots of every table, a second run, and a server working on the result. Written
/// once, run for every state by the sealed subclasses.
/// </summary>
public abstract class PredecessorAdoptionTests(PredecessorState state, ITestOutputHelper testOutput)
{
    private static readonly string[] MovedColumns =
    [
        "original_sampling_rate", "original_duration_seconds", "original_sample_count", "channel_count", "channel_names",
        "resolved_patient_id", "resolved_therapist_id", "resolved_session_date",
    ];

    private static readonly string[] OwnTables = ["schema_migrations", "schema_adoption", "jobs", "job_attempts", "webhook_deliveries", "session_inputs", "session_scores", "users", "audit_events", "data_protection_keys", "session_notes"];

    /// <summary>Tables 060 gives the September columns the August shapes lack (nullable or with a default): their rows keep every value they had.</summary>
    private static readonly string[] WidenedTables = ["scoring_configuration", "performance_scores"];

    [Fact]
    public async Task The_dry_run_names_the_shape_prints_the_plan_and_changes_nothing()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        var before = await DatabaseSnapshot.TakeAsync(database.Spec);

        var (code, output, error) = await EmgsCli.RunAsync("migrate", "--dry-run", "--database", database.Spec);

        testOutput.WriteLine(output);
        Assert.True(code == 0, error);
        Assert.Contains($"Found: {state.ExpectedShape} ", output, StringComparison.Ordinal);
        Assert.Contains("032_predecessor_types_and_privileges", output, StringComparison.Ordinal);
        Assert.Contains("       6  sessions (all kept)", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed (dry run).", output, StringComparison.Ordinal);
        if (state.IsPreSeparation)
        {
            Assert.Contains("020_database_schema_separation_final", output, StringComparison.Ordinal);
            Assert.Contains("       6  sessions whose technical values move to c3d_technical_data (020)", output, StringComparison.Ordinal);
            Assert.Contains("       3  channel_names that are not an array of strings", output, StringComparison.Ordinal);
            Assert.Contains("       4  sessions whose resolved_* values move", output, StringComparison.Ordinal);
        }

        AssertSame(before, await DatabaseSnapshot.TakeAsync(database.Spec));
        Assert.Equal(true, await PredecessorDatabase.ScalarAsync(database.Spec, "SELECT to_regclass('schema_migrations') IS NULL"));
    }

    [Fact]
    public async Task Migrate_keeps_every_row_changes_only_the_intended_values_and_a_second_run_changes_nothing()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        var before = await DatabaseSnapshot.TakeAsync(database.Spec);

        var (code, output, error) = await EmgsCli.RunAsync("migrate", "--database", database.Spec);
        var after = await DatabaseSnapshot.TakeAsync(database.Spec);
        await using var runner = SessionStoreFactory.CreateMigrationRunner(database.Spec, NullLoggerFactory.Instance);
        var again = await runner.ApplyAsync(CancellationToken.None);
        var (statusCode, status, _) = await EmgsCli.RunAsync("migrate", "--status", "--database", database.Spec);

        Assert.True(code == 0, output + error);
        Assert.Empty(again);
        AssertSame(after, await DatabaseSnapshot.TakeAsync(database.Spec));
        Assert.Equal(0, statusCode);
        Assert.Contains($"Adopted: {state.ExpectedShape} (", status, StringComparison.Ordinal);

        // Every table and row of the predecessor is still there; the only differences are the intended ones.
        foreach (var (table, rows) in before.Tables)
        {
            Assert.True(after.Tables.ContainsKey(table), $"{table} is gone");
            Assert.Equal(rows.Count, after.Count(table));
            foreach (var (key, (row, checksum)) in rows)
            {
                Assert.True(after.Tables[table].TryGetValue(key, out var kept), $"{table} row {key} is gone");
                if (table == "therapy_sessions")
                {
                    AssertSessionKept(row, kept.Row);
                }
                else if (WidenedTables.Contains(table, StringComparer.Ordinal))
                {
                    foreach (var (column, value) in row)
                    {
                        Assert.True(JsonNode.DeepEquals(value, kept.Row[column]), $"{table} row {key} column {column} changed: {value?.ToJsonString()} → {kept.Row[column]?.ToJsonString()}");
                    }
                }
                else
                {
                    Assert.True(checksum == kept.Checksum, $"{table} row {key} changed: {row.ToJsonString()} → {kept.Row.ToJsonString()}");
                }
            }
        }

        var created = after.Tables.Keys.Except(before.Tables.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            (state.IsPreSeparation || state.IsSeptember ? ["c3d_technical_data"] : Array.Empty<string>()).Concat(OwnTables).Order(StringComparer.Ordinal),
            created);

        // Statuses and updated_at are untouched (processing stays processing); the waiting sessions are queued.
        Assert.Equal("processing", after.Row("therapy_sessions", PredecessorRows.Processing)["processing_status"]!.GetValue<string>());
        Assert.Equal(3, after.Count("jobs"));

        if (state.IsPreSeparation)
        {
            // 020 moved the technical values; values with no new home are kept in game_metadata.
            Assert.Equal(6, after.Count("c3d_technical_data"));
            var technical = after.Row("c3d_technical_data", PredecessorRows.Completed);
            Assert.Equal(990, technical["sampling_rate"]!.GetValue<double>(), 3);
            Assert.Equal(["CH1 Raw", "Ünï ✓"], technical["channel_names"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal("EMG1", Metadata(after, PredecessorRows.PendingPrefixed)["legacy_channel_names"]!["left"]!.GetValue<string>());
            Assert.Equal("\"EMG1\"", Metadata(after, PredecessorRows.Failed)["legacy_channel_names"]!.ToJsonString());
            Assert.Equal("T-legacy-7", Metadata(after, PredecessorRows.Completed)["legacy_resolved"]!["resolved_therapist_id"]!.GetValue<string>());
            Assert.Equal("P001", Metadata(after, PredecessorRows.Completed)["legacy_resolved"]!["resolved_patient_id"]!.GetValue<string>());
            Assert.Equal("T-legacy-9", Metadata(after, PredecessorRows.Failed)["legacy_resolved"]!["resolved_therapist_id"]!.GetValue<string>());
            Assert.NotNull(Metadata(after, PredecessorRows.Reprocessing)["legacy_resolved"]!["resolved_session_date"]);
        }

        // The predecessor's functions and views still answer.
        foreach (var view in new[] { "therapy_sessions_with_technical" }.Concat(state.IsSeptember ? [] : ["patient_progress"]))
        {
            Assert.NotNull(await PredecessorDatabase.ScalarAsync(database.Spec, $"SELECT count(*) FROM {view}"));
        }

        if (!state.IsSeptember)
        {
            Assert.Equal(3L, await PredecessorDatabase.ScalarAsync(database.Spec, "SELECT count(*) FROM get_patient_session_summary('P004')"));
            Assert.Equal(2L, await PredecessorDatabase.ScalarAsync(database.Spec, $"SELECT therapist_session_count('{PredecessorRows.Therapist}')"));
        }

        // The predecessor's triggers are enabled again, as they were.
        var triggers = await PredecessorDatabase.ScalarAsync(database.Spec,
            "SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'therapy_sessions'::regclass AND NOT tgisinternal");
        Assert.Contains("emgs_therapy_sessions_updated_at:O", (string)triggers!, StringComparison.Ordinal);
        Assert.Equal(!state.DropUpdatedAtTrigger, ((string)triggers!).Contains("update_therapy_sessions_updated_at:O", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_adopted_database_and_a_fresh_one_give_the_tables_they_share_the_same_column_types()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        await using var fresh = await TestDatabase.CreatePostgresAsync("emgs_fresh");
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", fresh.Spec)).Code);

        var adopted = await ColumnTypesAsync(database.Spec);
        var ours = await ColumnTypesAsync(fresh.Spec);
        var shared = ours.Keys.Intersect(adopted.Keys).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("therapy_sessions.therapist_id", shared);
        Assert.Contains("c3d_technical_data.channel_names", shared);
        // The September shape's patient_id is a uuid referencing patients(id): kept as it is (read as the patient's code).
        var differing = shared.Where(c => adopted[c] != ours[c]).ToList();
        Assert.Equal(state.IsSeptember ? ["therapy_sessions.patient_id"] : [], differing);
        Assert.Equal("uuid", ours["therapy_sessions.therapist_id"]);
        if (!state.IsSeptember)
        {
            Assert.Equal("therapists", await PredecessorDatabase.ScalarAsync(fresh.Spec,
                "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'fk_therapy_sessions_therapist'"));
            Assert.Equal("therapists", await PredecessorDatabase.ScalarAsync(database.Spec,
                "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'fk_therapy_sessions_therapist'"));
        }
    }

    [Fact]
    public async Task Anon_and_authenticated_can_neither_read_nor_write_what_the_adoption_created()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);

        foreach (var role in new[] { "anon", "authenticated" })
        {
            foreach (var table in new[] { "jobs", "job_attempts", "schema_migrations", "schema_adoption", "webhook_deliveries", "users", "audit_events", "data_protection_keys", "session_notes" })
            {
                await AssertDeniedAsync(database.Spec, role, $"SELECT count(*) FROM {table}");
            }

            await AssertDeniedAsync(database.Spec, role, $"INSERT INTO jobs (kind, session_id) VALUES ('process-session', '{PredecessorRows.Unassigned}')");
            await AssertDeniedAsync(database.Spec, role, "INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'x', 'x')");
        }

        await AssertDeniedAsync(database.Spec, "anon", "SELECT count(*) FROM therapy_sessions_with_technical");
        await AssertDeniedAsync(database.Spec, "anon", "SELECT count(*) FROM c3d_technical_data");
        // The predecessor's policies still decide for authenticated, through the view too: its therapist sees their sessions.
        var therapistSees = state.IsSeptember ? 5L : 2L; // September: sessions of the therapist's patients; August: sessions with their therapist_id
        Assert.Equal(therapistSees, await AsUserAsync(database.Spec, PredecessorRows.UserTherapist, "SELECT count(*) FROM therapy_sessions"));
        Assert.Equal(therapistSees, await AsUserAsync(database.Spec, PredecessorRows.UserTherapist, "SELECT count(*) FROM therapy_sessions_with_technical"));

        // authenticated keeps the predecessor's policies: without a therapist's or researcher's identity it sees no row.
        Assert.Equal(0L, await AsRoleAsync(database.Spec, "authenticated", "SELECT count(*) FROM therapy_sessions_with_technical"));
        Assert.Equal(0L, await AsRoleAsync(database.Spec, "authenticated", "SELECT count(*) FROM c3d_technical_data"));
    }

    [Fact]
    public async Task Migration_090_gives_the_adopted_sessions_the_indexes_of_the_upload_time_and_recording_date_sorts()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);

        var created = await IndexDefinitionAsync(database.Spec, "idx_therapy_sessions_created_id");
        var recorded = await IndexDefinitionAsync(database.Spec, "idx_therapy_sessions_session_date_id");

        Assert.EndsWith("ON public.therapy_sessions USING btree (created_at DESC NULLS LAST, id DESC)", created, StringComparison.Ordinal);
        Assert.EndsWith("ON public.therapy_sessions USING btree (session_date DESC NULLS LAST, id DESC)", recorded, StringComparison.Ordinal);
        Assert.Equal(1L, await PredecessorDatabase.ScalarAsync(database.Spec, "SELECT count(*) FROM schema_migrations WHERE version = 90"));
    }

    [Fact]
    public async Task Migration_100_gives_the_adopted_sessions_the_oldest_first_indexes_and_keeps_their_row_level_security()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);

        var created = await IndexDefinitionAsync(database.Spec, "idx_therapy_sessions_created_id_asc");
        var recorded = await IndexDefinitionAsync(database.Spec, "idx_therapy_sessions_session_date_id_asc");

        Assert.EndsWith("ON public.therapy_sessions USING btree (created_at, id)", created, StringComparison.Ordinal);
        Assert.EndsWith("ON public.therapy_sessions USING btree (session_date, id)", recorded, StringComparison.Ordinal);
        Assert.Equal(1L, await PredecessorDatabase.ScalarAsync(database.Spec, "SELECT count(*) FROM schema_migrations WHERE version = 100"));
        Assert.Equal(true, await PredecessorDatabase.ScalarAsync(database.Spec, "SELECT relrowsecurity FROM pg_class WHERE oid = 'public.therapy_sessions'::regclass"));
        // Valid and ready: the planner may use them. Their plan is proven on a fresh database (SessionListOrderTests), not here:
        // an index built over rows the adoption updated waits (pg_index.indcheckxmin) until transactions older than it end,
        // and other tests' transactions on the shared server decide when that is.
        Assert.Equal(2L, await PredecessorDatabase.ScalarAsync(database.Spec,
            "SELECT count(*) FROM pg_index WHERE indisvalid AND indisready AND indexrelid IN ('public.idx_therapy_sessions_created_id_asc'::regclass, 'public.idx_therapy_sessions_session_date_id_asc'::regclass)"));
    }

    [Fact]
    public async Task Its_performance_scores_rows_are_read_as_they_are_and_rescoring_writes_a_row_its_dashboard_can_read()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });

        // The predecessor's row, as it is.
        var before = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{PredecessorRows.Completed}/scores");
        Assert.Equal("predecessor", before.GetProperty("origin").GetString());
        Assert.Equal(71.25, before.GetProperty("overall_score").GetDouble(), 1e-9);
        Assert.Equal(state.IsSeptember ? PredecessorRows.Scoring.ToString() : null, before.GetProperty("scoring_config_id").GetString());

        // Inputs re-score the session with the predecessor's active configuration and replace its row.
        using var put = await server.Client.PutAsync($"/api/sessions/{PredecessorRows.Completed}/inputs",
            new StringContent("""{"rpe": 5, "game_points_achieved": 40, "game_points_max": 50, "bfr_pressure_aop": 50}""", System.Text.Encoding.UTF8, "application/json"));
        var rescored = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(put.StatusCode == HttpStatusCode.OK, rescored.ToString());
        Assert.Equal(PredecessorRows.Scoring.ToString(), rescored.GetProperty("scoring_config_id").GetString());

        // One row for the session, within the predecessor's CHECK constraints, with what its dashboard reads.
        Assert.Equal(1L, await PredecessorDatabase.ScalarAsync(database.Spec, $"SELECT count(*) FROM performance_scores WHERE session_id = '{PredecessorRows.Completed}'"));
        var row = JsonNode.Parse((string)(await PredecessorDatabase.ScalarAsync(database.Spec,
            $"SELECT to_jsonb(p)::text FROM performance_scores p WHERE session_id = '{PredecessorRows.Completed}'"))!)!;
        Assert.Equal(5, row["rpe_post_session"]!.GetValue<int>());
        Assert.Equal(40, row["game_points_achieved"]!.GetValue<int>());
        Assert.Equal(50, row["bfr_pressure_aop"]!.GetValue<double>(), 1e-9);
        Assert.Equal(80, row["game_score"]!.GetValue<double>(), 1e-9);
        Assert.True(row["bfr_compliant"]!.GetValue<bool>());
        Assert.Equal(PredecessorRows.Scoring.ToString(), row["scoring_config_id"]!.GetValue<string>());
        var after = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{PredecessorRows.Completed}/scores");
        Assert.Equal("emgs", after.GetProperty("origin").GetString());
        Assert.False(after.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task A_server_on_the_adopted_database_processes_recordings_and_serves_the_old_sessions()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);
        // The predecessor's object is in the bucket before the server starts (its workers claim the pending job at once).
        var storage = Directory.CreateTempSubdirectory("emgs-adopt-storage-").FullName;
        await Put(storage, PredecessorRows.PendingKey, database.PendingFile);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { [ConfigurationKeys.Storage] = "local:" + storage });

        // The three shared recordings: webhook → completed with analytics; one under a patient code patients does not know.
        var ids = new List<Guid>();
        foreach (var (stem, patient) in TestFiles.GhostlyStems.Zip(new[] { "P001", "P004", "P777" }))
        {
            var key = $"{patient}/session9/{stem}.c3d";
            var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(stem));
            await Put(storage, key, bytes);
            var answer = await server.SendWebhookAsync(key, bytes.Length);
            Assert.Equal("created", answer.GetProperty("outcome").GetString());
            ids.Add(answer.GetProperty("processing_id").GetGuid());
        }

        foreach (var id in ids)
        {
            await server.WaitForOutcomeAsync(id);
            var session = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
            Assert.True(session.GetProperty("processing_status").GetString() == SessionStatus.Completed, session.ToString());
            using var analytics = await server.Client.GetAsync($"/api/sessions/{id}/analytics");
            Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
            Assert.False(analytics.Headers.Contains("Emgs-Analytics-Stale"));
        }

        var unknownPatient = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{ids[2]}");
        Assert.Equal(JsonValueKind.Null, unknownPatient.GetProperty("patient_id").ValueKind);
        Assert.Contains("\"unassigned_patient_code\":\"P777\"", JsonSerializer.Serialize(unknownPatient.GetProperty("game_metadata")), StringComparison.Ordinal);
        var known = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{ids[0]}");
        Assert.Equal("P001", known.GetProperty("patient_id").GetString());

        // The predecessor's pending session, stored as bucket/key, is found and completed; its therapist uuid is kept.
        await server.WaitForOutcomeAsync(PredecessorRows.PendingPrefixed);
        var pending = await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{PredecessorRows.PendingPrefixed}");
        Assert.True(pending.GetProperty("processing_status").GetString() == SessionStatus.Completed, pending.ToString());
        Assert.Equal((state.IsSeptember ? PredecessorRows.UserTherapist : PredecessorRows.Therapist).ToString(), pending.GetProperty("therapist_id").GetString());
        Assert.Equal("P004", pending.GetProperty("patient_id").GetString());

        // Old sessions read with 200; the predecessor's analytics stay readable, marked as the predecessor's.
        foreach (var id in PredecessorRows.Sessions)
        {
            using var read = await server.Client.GetAsync($"/api/sessions/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        if (!state.IsSeptember)
        {
            using var old = await server.Client.GetAsync($"/api/sessions/{PredecessorRows.Completed}/analytics");
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
            Assert.Equal("predecessor", old.Headers.GetValues("Emgs-Analytics-Origin").Single());
            Assert.Equal("1.0", old.Headers.GetValues("Emgs-Analytics-Version").Single());
            Assert.Equal(0.125, (await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(), 9);
            using var cleanup = await server.Client.PostAsync("/api/cache/cleanup", null);
            var report = await cleanup.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(report.GetProperty("confirmed").GetBoolean());
            Assert.True(report.GetProperty("expired").GetInt32() >= 2);
            Assert.Contains("\"rms\": 0.125", (string)(await PredecessorDatabase.ScalarAsync(database.Spec,
                $"SELECT analytics_cache::text FROM therapy_sessions WHERE id = '{PredecessorRows.Completed}'"))!, StringComparison.Ordinal);
        }

        // The list works, filtered by patient code too.
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions?limit=100");
        Assert.Equal(9, list.GetProperty("total").GetInt32());
        var p001 = await server.Client.GetFromJsonAsync<JsonElement>("/api/sessions?patient_id=P001&limit=100");
        Assert.Equal(3, p001.GetProperty("total").GetInt32());

        // The command line reads them too.
        var (listCode, listed, listError) = await EmgsCli.RunAsync("sessions", "list", "--database", database.Spec, "--json");
        Assert.True(listCode == 0, listError);
        Assert.Contains(PredecessorRows.Completed.ToString(), listed, StringComparison.Ordinal);
        var (showCode, shown, showError) = await EmgsCli.RunAsync("sessions", "show", PredecessorRows.Failed.ToString(), "--database", database.Spec);
        Assert.True(showCode == 0, showError);
        Assert.Contains("C3D read error", shown, StringComparison.Ordinal);

        // sync registers nothing twice: the bucket holds the four objects, each already a session.
        var reconciler = server.Services.GetRequiredService<Reconciler>();
        var first = await reconciler.RunOnceAsync(CancellationToken.None);
        var second = await reconciler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(4, first.Listed);
        Assert.Equal(0, first.Unknown);
        Assert.Equal(0, second.Unknown);
        Assert.Equal(9L, await PredecessorDatabase.ScalarAsync(database.Spec, "SELECT count(*) FROM therapy_sessions"));

        // A session other predecessor tables refer to is not deleted: 409 naming them.
        using var delete = await server.Client.DeleteAsync($"/api/sessions/{PredecessorRows.Completed}");
        var problem = await delete.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("bfr_monitoring", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("performance_scores", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1L, await PredecessorDatabase.ScalarAsync(database.Spec, $"SELECT count(*) FROM therapy_sessions WHERE id = '{PredecessorRows.Completed}'"));
        using var deleteOwn = await server.Client.DeleteAsync($"/api/sessions/{ids[1]}");
        Assert.Equal(HttpStatusCode.NoContent, deleteOwn.StatusCode);

        // Only an explicit, confirmed cleanup empties the stale entries it reported.
        if (!state.IsSeptember)
        {
            using var confirmed = await server.Client.PostAsync("/api/cache/cleanup?confirm=true", null);
            var done = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(done.GetProperty("confirmed").GetBoolean());
            Assert.Equal(done.GetProperty("expired").GetInt32(), done.GetProperty("cleaned").GetInt32());
            using var gone = await server.Client.GetAsync($"/api/sessions/{PredecessorRows.Completed}/analytics");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Directory.Delete(storage, recursive: true);
    }

    private static async Task Put(string storage, string key, byte[] bytes)
    {
        var path = Path.Combine(storage, EndToEndServer.Bucket, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
    }

    /// <summary>The session row after adoption equals the one before, but for the columns that moved and the keys added to game_metadata.</summary>
    private void AssertSessionKept(JsonObject before, JsonObject after)
    {
        var expected = before.DeepClone().AsObject();
        foreach (var column in MovedColumns)
        {
            expected.Remove(column);
        }

        var actual = after.DeepClone().AsObject();
        foreach (var added in actual.Select(p => p.Key).Where(k => !before.ContainsKey(k)).ToList())
        {
            var value = actual[added]?.ToJsonString() ?? "null";
            Assert.True(value is "null" or "{}" or "0", $"added column {added} = {value}");
            actual.Remove(added);
        }

        if (actual["game_metadata"] is JsonObject metadata)
        {
            metadata.Remove("legacy_channel_names");
            metadata.Remove("legacy_resolved");
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), $"{state.File}: {before.ToJsonString()} → {after.ToJsonString()}");
    }

    private static JsonObject Metadata(DatabaseSnapshot snapshot, Guid id) => snapshot.Row("therapy_sessions", id)["game_metadata"]!.AsObject();

    private static void AssertSame(DatabaseSnapshot expected, DatabaseSnapshot actual)
    {
        Assert.Equal(expected.Tables.Keys.Order(StringComparer.Ordinal), actual.Tables.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, rows) in expected.Tables)
        {
            Assert.Equal(
                rows.Select(r => r.Key + "=" + r.Value.Checksum).Order(StringComparer.Ordinal),
                actual.Tables[table].Select(r => r.Key + "=" + r.Value.Checksum).Order(StringComparer.Ordinal));
        }
    }

    private static async Task<Dictionary<string, string>> ColumnTypesAsync(string spec)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.table_name || '.' || c.column_name, c.udt_name::text FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = 'public'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        return types;
    }

    private static async Task<long> AsUserAsync(string spec, Guid user, string sql)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SET ROLE authenticated; SET request.jwt.claims = '{{\"sub\": \"{user}\", \"role\": \"authenticated\"}}'; {sql}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> AsRoleAsync(string spec, string role, string sql)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET ROLE {role}; {sql}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertDeniedAsync(string spec, string role, string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => AsRoleAsync(spec, role, sql));
        Assert.Equal("42501", error.SqlState); // insufficient_privilege
    }

    /// <summary>The definition PostgreSQL gives the public index <paramref name="name"/>, or null when there is none.</summary>
    private static async Task<string?> IndexDefinitionAsync(string spec, string name) =>
        (string?)await PredecessorDatabase.ScalarAsync(spec, $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = '{name}'");
}
