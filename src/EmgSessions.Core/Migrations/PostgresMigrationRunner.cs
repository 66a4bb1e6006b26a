using System.Diagnostics;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations.Adoption;
using EmgSessions.Core.Stores.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmgSessions.Core.Migrations;

/// <summary>
/// The PostgreSQL runner. A session-level advisory lock, held on one connection for the whole run,
/// makes concurrent starts of several processes safe: the second waits, then finds nothing to do.
/// A fresh or predecessor database is migrated in one transaction (a failure leaves it exactly as it was);
/// during a predecessor's adoption its own triggers on <c>therapy_sessions</c> are disabled (so its
/// <c>updated_at</c> trigger rewrites nothing) and re-enabled as they were, and <c>processing</c> sessions keep
/// their status and <c>updated_at</c>.
/// </summary>
internal sealed class PostgresMigrationRunner(NpgsqlDataSource dataSource, ILogger logger, bool ownsDataSource = false)
    : MigrationRunner(DatabaseEngine.Postgres)
{
    /// <summary>"emgsmigr" as a 64-bit advisory lock key.</summary>
    private const long LockKey = 0x656D67736D696772;

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS schema_adoption (
            state TEXT PRIMARY KEY,
            description TEXT NOT NULL,
            baseline INTEGER NOT NULL,
            counts JSONB NOT NULL DEFAULT '{}',
            adopted_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """;

    private const string CatalogueColumnsSql = """
        SELECT table_name::text, column_name::text, udt_name::text FROM information_schema.columns
        WHERE table_schema = current_schema()
        """;

    private const string CatalogueViewsSql = """
        SELECT table_name::text FROM information_schema.views WHERE table_schema = current_schema()
        """;

    private const string CatalogueSessionKeysSql = """
        SELECT a.attname::text, c.confrelid::regclass::text, af.attname::text
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid = to_regclass('therapy_sessions') AND cardinality(c.conkey) = 1
        """;

    private const string EnabledTriggersSql = """
        SELECT tgname::text, tgenabled::text FROM pg_trigger
        WHERE tgrelid = 'therapy_sessions'::regclass AND NOT tgisinternal AND tgenabled <> 'D'
        ORDER BY tgname
        """;

    private const string SaveProcessingSql = """
        CREATE TEMP TABLE emgs_adoption_processing ON COMMIT DROP AS
        SELECT id, updated_at FROM therapy_sessions WHERE processing_status = 'processing'
        """;

    private const string RestoreProcessingSql = """
        UPDATE therapy_sessions ts SET processing_status = 'processing', updated_at = p.updated_at
        FROM emgs_adoption_processing p
        WHERE ts.id = p.id AND (ts.processing_status IS DISTINCT FROM 'processing' OR ts.updated_at IS DISTINCT FROM p.updated_at)
        """;

    private const string TableExistsSql = """
        SELECT to_regclass(@name) IS NOT NULL
        """;

    private const string AppliedSql = """
        SELECT version, checksum, applied_at FROM schema_migrations
        """;

    private const string RecordSql = """
        INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum) RETURNING applied_at
        """;

    private const string RecordAdoptionSql = """
        INSERT INTO schema_adoption (state, description, baseline, counts) VALUES (@state, @description, @baseline, @counts::jsonb)
        """;

    private const string AdoptionSql = """
        SELECT state, description, baseline, counts::text, adopted_at FROM schema_adoption ORDER BY adopted_at LIMIT 1
        """;

    public override async Task<IReadOnlyList<MigrationState>> ApplyAsync(CancellationToken cancellationToken)
    {
        var appliedNow = new List<MigrationState>();
        await PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                lockCommand.Parameters.AddWithValue("key", LockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var plan = PredecessorAdopter.Plan(await ReadCatalogueAsync(connection, cancellationToken).ConfigureAwait(false), DatabaseEngine.Postgres);
                if (plan.State != AdoptionPlan.OwnState)
                {
                    await AdoptAsync(connection, plan, appliedNow, cancellationToken).ConfigureAwait(false);
                    return 0;
                }

                await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
                var done = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
                CheckChecksums(done);
                foreach (var migration in Migrations.Where(m => !done.ContainsKey(m.Version)))
                {
                    var stopwatch = Stopwatch.StartNew();
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    DateTimeOffset at;
                    try
                    {
                        await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                        at = await RecordAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (PostgresException ex)
                    {
                        await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                        DatabaseLog.MigrationFailed(logger, ex, migration.Version, migration.Name);
                        throw new MigrationException($"Migration {migration.Id} failed and was rolled back: {ex.MessageText}", ex);
                    }

                    DatabaseLog.MigrationApplied(logger, migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
                    appliedNow.Add(new MigrationState(migration.Version, migration.Name, at));
                }
            }
            finally
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    unlock.Parameters.AddWithValue("key", LockKey);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            return 0;
        }).ConfigureAwait(false);
        return appliedNow;
    }

    public override Task<IReadOnlyList<MigrationState>> GetStatusAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var applied = await TableExistsAsync(connection, "schema_migrations", cancellationToken).ConfigureAwait(false)
                ? await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false)
                : new Dictionary<int, (string, DateTimeOffset)>();
            return Describe(applied);
        });

    public override Task<MigrationPreview> PreviewAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var plan = PredecessorAdopter.Plan(await ReadCatalogueAsync(connection, cancellationToken).ConfigureAwait(false), DatabaseEngine.Postgres);
            var applied = plan.State == AdoptionPlan.OwnState
                ? await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false)
                : new Dictionary<int, (string, DateTimeOffset)>();
            var counts = await CountAsync(connection, plan, cancellationToken).ConfigureAwait(false);
            return new MigrationPreview(
                plan.State,
                plan.Description,
                plan.IsPredecessor ? plan.Baseline : null,
                [.. plan.Steps.Select(s => s.Description)],
                PendingAfter(plan, applied),
                counts);
        });

    public override Task<AdoptionRecord?> GetAdoptionAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (!await TableExistsAsync(connection, "schema_adoption", cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            await using var command = new NpgsqlCommand(AdoptionSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new AdoptionRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(4), ParseCounts(reader.GetString(3)))
                : null;
        });

    public override async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A fresh or predecessor database: its steps, the baseline and every later migration in one transaction.</summary>
    private async Task AdoptAsync(NpgsqlConnection connection, AdoptionPlan plan, List<MigrationState> appliedNow, CancellationToken cancellationToken)
    {
        var counts = await CountAsync(connection, plan, cancellationToken).ConfigureAwait(false);
        var current = "the adoption steps";
        var applied = new List<MigrationState>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var triggers = new List<(string Name, string Enabled)>();
            if (plan.IsPredecessor)
            {
                triggers = await EnabledTriggersAsync(connection, cancellationToken).ConfigureAwait(false);
                foreach (var (name, _) in triggers)
                {
                    await ExecuteAsync(connection, $"ALTER TABLE therapy_sessions DISABLE TRIGGER {Quote(name)}", cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, SaveProcessingSql, cancellationToken).ConfigureAwait(false);
                foreach (var step in plan.Steps)
                {
                    current = $"the adoption step '{step.Description}'";
                    await ExecuteAsync(connection, step.Sql, cancellationToken).ConfigureAwait(false);
                }
            }

            await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
            foreach (var migration in Migrations)
            {
                if (plan.IsPredecessor && migration.Version <= plan.Baseline)
                {
                    await RecordAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                current = $"migration {migration.Id}";
                var started = Stopwatch.StartNew();
                await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                var at = await RecordAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                DatabaseLog.MigrationApplied(logger, migration.Version, migration.Name, started.ElapsedMilliseconds);
                applied.Add(new MigrationState(migration.Version, migration.Name, at));
            }

            if (plan.IsPredecessor)
            {
                current = "restoring the processing sessions and the predecessor's triggers";
                await ExecuteAsync(connection, RestoreProcessingSql, cancellationToken).ConfigureAwait(false);
                foreach (var (name, enabled) in triggers)
                {
                    var how = enabled switch { "A" => "ENABLE ALWAYS", "R" => "ENABLE REPLICA", _ => "ENABLE" };
                    await ExecuteAsync(connection, $"ALTER TABLE therapy_sessions {how} TRIGGER {Quote(name)}", cancellationToken).ConfigureAwait(false);
                }
            }

            await using (var record = new NpgsqlCommand(RecordAdoptionSql, connection))
            {
                record.Parameters.AddWithValue("state", plan.State);
                record.Parameters.AddWithValue("description", plan.Description);
                record.Parameters.AddWithValue("baseline", plan.IsPredecessor ? plan.Baseline : 0);
                record.Parameters.AddWithValue("counts", CountsJson(counts));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            DatabaseLog.AdoptionFailed(logger, ex, plan.State, current);
            throw new MigrationException(
                $"Migrating the database ({plan.State}: {plan.Description}) failed in {current} and was rolled back; the database is unchanged: {ex.MessageText}",
                ex);
        }

        appliedNow.AddRange(applied);
        if (plan.IsPredecessor)
        {
            DatabaseLog.PredecessorAdopted(logger, plan.State, plan.Baseline, plan.Steps.Count, applied.Count);
        }
    }

    private static async Task<IReadOnlyList<MigrationPreviewCount>> CountAsync(NpgsqlConnection connection, AdoptionPlan plan, CancellationToken cancellationToken)
    {
        var counts = new List<MigrationPreviewCount>();
        foreach (var count in plan.Counts)
        {
            await using var command = new NpgsqlCommand(count.Sql, connection);
            counts.Add(new MigrationPreviewCount(count.Label, Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    private static async Task<DatabaseCatalogue> ReadCatalogueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var relations = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(CatalogueColumnsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                if (!relations.TryGetValue(table, out var columns))
                {
                    relations[table] = columns = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                columns[reader.GetString(1)] = reader.GetString(2);
            }
        }

        var views = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(CatalogueViewsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                views.Add(reader.GetString(0));
            }
        }

        var keys = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(CatalogueSessionKeysSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        return new DatabaseCatalogue(
            relations.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, string>)r.Value, StringComparer.Ordinal),
            views,
            keys);
    }

    private static async Task<List<(string Name, string Enabled)>> EnabledTriggersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(EnabledTriggersSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var triggers = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            triggers.Add((reader.GetString(0), reader.GetString(1)));
        }

        return triggers;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DateTimeOffset> RecordAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RecordSql, connection);
        command.Parameters.AddWithValue("version", migration.Version);
        command.Parameters.AddWithValue("name", migration.Name);
        command.Parameters.AddWithValue("checksum", migration.Checksum);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return new DateTimeOffset((DateTime)result!, TimeSpan.Zero);
    }

    private static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TableExistsSql, connection);
        command.Parameters.AddWithValue("name", name);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<Dictionary<int, (string Checksum, DateTimeOffset AppliedAt)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AppliedSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<int, (string, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        }

        return applied;
    }
}
