using EmgSessions.Core.Database;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Migrations;

public sealed class PostgresMigrationTests(PostgresTestDatabases databases) : MigrationTests(databases), IClassFixture<PostgresTestDatabases>
{
    [Fact]
    public async Task A_predecessor_trigger_on_therapy_sessions_is_disabled_during_the_adoption_and_enabled_again_after()
    {
        var spec = await PredecessorAsync();
        await Databases.ExecuteAsync(spec, """
            CREATE FUNCTION strip_legacy() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.game_metadata := NEW.game_metadata - 'legacy_channel_names';
                NEW.updated_at := now();
                RETURN NEW;
            END $$;
            CREATE TRIGGER strip_legacy BEFORE UPDATE ON therapy_sessions FOR EACH ROW EXECUTE FUNCTION strip_legacy();
            ALTER TABLE therapy_sessions ENABLE ALWAYS TRIGGER strip_legacy;
            """);
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        await runner.ApplyAsync(CancellationToken.None);

        Assert.Equal("{\"left\": \"EMG1\"}", await Databases.ScalarAsync(spec,
            "SELECT (game_metadata -> 'legacy_channel_names')::text FROM therapy_sessions WHERE id = '00000000-0000-4000-8000-000000000004'"));
        Assert.Equal("2024-01-01 00:00:00+00", await Databases.ScalarAsync(spec,
            "SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00' FROM therapy_sessions WHERE id = '00000000-0000-4000-8000-000000000004'"));
        Assert.Equal("A", await Databases.ScalarAsync(spec, "SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'strip_legacy'"));
    }

    [Fact]
    public async Task A_text_therapist_id_becomes_a_uuid_referencing_therapists_and_values_that_are_not_a_known_therapist_are_kept_in_game_metadata()
    {
        var spec = await PredecessorAsync();
        await Databases.ExecuteAsync(spec, """
            UPDATE therapy_sessions SET therapist_id = 'T7' WHERE id = '00000000-0000-4000-8000-000000000001';
            UPDATE therapy_sessions SET therapist_id = '9B2E0A44-0000-4000-8000-000000000009' WHERE id = '00000000-0000-4000-8000-000000000002';
            """);
        await using var runner = SessionStoreFactory.CreateMigrationRunner(spec, NullLoggerFactory.Instance);

        await runner.ApplyAsync(CancellationToken.None);

        Assert.Equal("uuid", await Databases.ScalarAsync(spec,
            "SELECT udt_name::text FROM information_schema.columns WHERE table_name = 'therapy_sessions' AND column_name = 'therapist_id'"));
        Assert.Equal("therapists", await Databases.ScalarAsync(spec,
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'fk_therapy_sessions_therapist'"));
        Assert.Equal("T7", await Databases.ScalarAsync(spec,
            "SELECT game_metadata ->> 'unresolved_therapist_id' FROM therapy_sessions WHERE id = '00000000-0000-4000-8000-000000000001'"));
        Assert.Equal("9B2E0A44-0000-4000-8000-000000000009", await Databases.ScalarAsync(spec,
            "SELECT game_metadata ->> 'unresolved_therapist_id' FROM therapy_sessions WHERE id = '00000000-0000-4000-8000-000000000002'"));
        Assert.Equal(0L, await Databases.ScalarAsync(spec, "SELECT count(*) FROM therapy_sessions WHERE therapist_id IS NOT NULL"));
    }

    protected override async Task<List<string>> CatalogueAsync(string spec)
    {
        var lines = new List<string>();
        foreach (var query in new[]
        {
            """
            SELECT 'column', table_name, ordinal_position, column_name, data_type, udt_name, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """,
            """
            SELECT 'constraint', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 2, 3
            """,
            """
            SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 2, 3
            """,
            """
            SELECT 'view', viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 2
            """,
            """
            SELECT 'trigger', event_object_table, trigger_name, action_timing, event_manipulation, action_statement
            FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 2, 3, 5
            """,
        })
        {
            foreach (var row in await Databases.QueryAsync(spec, query))
            {
                lines.Add(string.Join(" | ", row));
            }
        }

        return lines;
    }
}
