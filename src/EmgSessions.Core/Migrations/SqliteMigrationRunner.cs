using System.Diagnostics;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations.Adoption;
using EmgSessions.Core.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Migrations;

/// <summary>
/// The SQLite runner. Concurrent starts are serialised by <c>BEGIN IMMEDIATE</c>: each migration runs
/// in its own immediate transaction that first re-reads what is applied. A fresh or predecessor database
/// is migrated in one transaction (a failure leaves it as it was); <c>processing</c> sessions keep their
/// status and <c>updated_at</c>.
/// </summary>
internal sealed class SqliteMigrationRunner(SqliteDatabase database, ILogger logger) : MigrationRunner(DatabaseEngine.Sqlite)
{
    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE IF NOT EXISTS schema_adoption (
            state TEXT NOT NULL PRIMARY KEY,
            description TEXT NOT NULL,
            baseline INTEGER NOT NULL,
            counts TEXT NOT NULL DEFAULT '{}',
            adopted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        """;

    private const string CatalogueColumnsSql = """
        SELECT m.name, p.name, lower(p.type), m.type FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'
        """;

    private const string CatalogueSessionKeysSql = """
        SELECT "from", "table", COALESCE("to", 'id') FROM pragma_foreign_key_list('therapy_sessions')
        """;

    private const string SaveProcessingSql = """
        DROP TABLE IF EXISTS temp.emgs_adoption_processing;
        CREATE TEMP TABLE emgs_adoption_processing AS
        SELECT id, updated_at FROM therapy_sessions WHERE processing_status = 'processing';
        """;

    private const string RestoreProcessingSql = """
        UPDATE therapy_sessions SET processing_status = 'processing',
            updated_at = (SELECT p.updated_at FROM temp.emgs_adoption_processing p WHERE p.id = therapy_sessions.id)
        WHERE id IN (SELECT id FROM temp.emgs_adoption_processing);
        DROP TABLE temp.emgs_adoption_processing;
        """;

    private const string AppliedSql = """
        SELECT version, checksum, applied_at FROM schema_migrations
        """;

    private const string RecordSql = """
        INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($version, $name, $checksum, $applied_at)
        """;

    private const string RecordAdoptionSql = """
        INSERT INTO schema_adoption (state, description, baseline, counts) VALUES ($state, $description, $baseline, $counts)
        """;

    private const string AdoptionSql = """
        SELECT state, description, baseline, counts, adopted_at FROM schema_adoption ORDER BY adopted_at LIMIT 1
        """;

    public override async Task<IReadOnlyList<MigrationState>> ApplyAsync(CancellationToken cancellationToken)
    {
        var adopted = await database.WriteAsync((connection, transaction) =>
        {
            var plan = PredecessorAdopter.Plan(ReadCatalogue(connection, transaction), DatabaseEngine.Sqlite);
            if (plan.State == AdoptionPlan.OwnState)
            {
                SqliteDatabase.Execute(connection, transaction, CreateTableSql);
                CheckChecksums(ReadApplied(connection, transaction));
                return null;
            }

            return Adopt(connection, transaction, plan);
        }, cancellationToken).ConfigureAwait(false);
        if (adopted is not null)
        {
            return adopted;
        }

        var appliedNow = new List<MigrationState>();
        foreach (var migration in Migrations)
        {
            var stopwatch = Stopwatch.StartNew();
            var applied = await database.WriteAsync((connection, transaction) =>
            {
                var done = ReadApplied(connection, transaction);
                CheckChecksums(done);
                if (done.ContainsKey(migration.Version))
                {
                    return (DateTimeOffset?)null;
                }

                try
                {
                    SqliteDatabase.Execute(connection, transaction, migration.Sql);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode is not (5 or 6))
                {
                    DatabaseLog.MigrationFailed(logger, ex, migration.Version, migration.Name);
                    throw new MigrationException($"Migration {migration.Id} failed and was rolled back: {ex.Message}", ex);
                }

                return Record(connection, transaction, migration);
            }, cancellationToken).ConfigureAwait(false);
            if (applied is { } at)
            {
                DatabaseLog.MigrationApplied(logger, migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
                appliedNow.Add(new MigrationState(migration.Version, migration.Name, at));
            }
        }

        return appliedNow;
    }

    public override Task<IReadOnlyList<MigrationState>> GetStatusAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(database.Path))
        {
            return Task.FromResult(Describe(new Dictionary<int, (string, DateTimeOffset)>()));
        }

        return database.ReadAsync(connection =>
            Describe(TableExists(connection, null, "schema_migrations")
                ? ReadApplied(connection, null)
                : new Dictionary<int, (string, DateTimeOffset)>()), cancellationToken);
    }

    public override Task<MigrationPreview> PreviewAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(database.Path))
        {
            var fresh = new AdoptionPlan(AdoptionPlan.FreshState, "no database file yet: every migration runs", 0, [], []);
            return Task.FromResult(new MigrationPreview(fresh.State, fresh.Description, null, [], PendingAfter(fresh, new Dictionary<int, (string, DateTimeOffset)>()), []));
        }

        return database.ReadAsync(connection =>
        {
            var plan = PredecessorAdopter.Plan(ReadCatalogue(connection, null), DatabaseEngine.Sqlite);
            var applied = plan.State == AdoptionPlan.OwnState ? ReadApplied(connection, null) : new Dictionary<int, (string, DateTimeOffset)>();
            return new MigrationPreview(
                plan.State,
                plan.Description,
                plan.IsPredecessor ? plan.Baseline : null,
                [.. plan.Steps.Select(s => s.Description)],
                PendingAfter(plan, applied),
                Count(connection, null, plan));
        }, cancellationToken);
    }

    public override Task<AdoptionRecord?> GetAdoptionAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(database.Path))
        {
            return Task.FromResult<AdoptionRecord?>(null);
        }

        return database.ReadAsync(connection =>
        {
            if (!TableExists(connection, null, "schema_adoption"))
            {
                return null;
            }

            using var command = SqliteDatabase.Command(connection, null, AdoptionSql);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new AdoptionRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), SqliteTime.Parse(reader.GetString(4)), ParseCounts(reader.GetString(3)))
                : null;
        }, cancellationToken);
    }

    private List<MigrationState> Adopt(SqliteConnection connection, SqliteTransaction transaction, AdoptionPlan plan)
    {
        var counts = Count(connection, transaction, plan);
        var current = "the adoption steps";
        var applied = new List<MigrationState>();
        try
        {
            if (plan.IsPredecessor)
            {
                SqliteDatabase.Execute(connection, transaction, SaveProcessingSql);
                foreach (var step in plan.Steps)
                {
                    current = $"the adoption step '{step.Description}'";
                    SqliteDatabase.Execute(connection, transaction, step.Sql);
                }
            }

            SqliteDatabase.Execute(connection, transaction, CreateTableSql);
            foreach (var migration in Migrations)
            {
                if (plan.IsPredecessor && migration.Version <= plan.Baseline)
                {
                    Record(connection, transaction, migration);
                    continue;
                }

                current = $"migration {migration.Id}";
                var started = Stopwatch.StartNew();
                SqliteDatabase.Execute(connection, transaction, migration.Sql);
                applied.Add(new MigrationState(migration.Version, migration.Name, Record(connection, transaction, migration)));
                DatabaseLog.MigrationApplied(logger, migration.Version, migration.Name, started.ElapsedMilliseconds);
            }

            if (plan.IsPredecessor)
            {
                current = "restoring the processing sessions";
                SqliteDatabase.Execute(connection, transaction, RestoreProcessingSql);
            }

            using var record = SqliteDatabase.Command(connection, transaction, RecordAdoptionSql);
            record.Parameters.AddWithValue("$state", plan.State);
            record.Parameters.AddWithValue("$description", plan.Description);
            record.Parameters.AddWithValue("$baseline", plan.IsPredecessor ? plan.Baseline : 0);
            record.Parameters.AddWithValue("$counts", CountsJson(counts));
            record.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is not (5 or 6))
        {
            DatabaseLog.AdoptionFailed(logger, ex, plan.State, current);
            throw new MigrationException(
                $"Migrating the database ({plan.State}: {plan.Description}) failed in {current} and was rolled back; the database is unchanged: {ex.Message}",
                ex);
        }

        if (plan.IsPredecessor)
        {
            DatabaseLog.PredecessorAdopted(logger, plan.State, plan.Baseline, plan.Steps.Count, applied.Count);
        }

        return applied;
    }

    private static List<MigrationPreviewCount> Count(SqliteConnection connection, SqliteTransaction? transaction, AdoptionPlan plan)
    {
        var counts = new List<MigrationPreviewCount>();
        foreach (var count in plan.Counts)
        {
            using var command = SqliteDatabase.Command(connection, transaction, count.Sql);
            counts.Add(new MigrationPreviewCount(count.Label, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    private static DatabaseCatalogue ReadCatalogue(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var relations = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var views = new HashSet<string>(StringComparer.Ordinal);
        using (var command = SqliteDatabase.Command(connection, transaction, CatalogueColumnsSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var table = reader.GetString(0);
                if (!relations.TryGetValue(table, out var columns))
                {
                    relations[table] = columns = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                columns[reader.GetString(1)] = reader.GetString(2);
                if (reader.GetString(3) == "view")
                {
                    views.Add(table);
                }
            }
        }

        var keys = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using (var command = SqliteDatabase.Command(connection, transaction, CatalogueSessionKeysSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        return new DatabaseCatalogue(
            relations.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, string>)r.Value, StringComparer.Ordinal),
            views,
            keys);
    }

    private static DateTimeOffset Record(SqliteConnection connection, SqliteTransaction transaction, Migration migration)
    {
        var now = DateTimeOffset.UtcNow;
        using var command = SqliteDatabase.Command(connection, transaction, RecordSql);
        command.Parameters.AddWithValue("$version", migration.Version);
        command.Parameters.AddWithValue("$name", migration.Name);
        command.Parameters.AddWithValue("$checksum", migration.Checksum);
        command.Parameters.AddWithValue("$applied_at", SqliteTime.ToText(now));
        command.ExecuteNonQuery();
        return SqliteTime.Parse(SqliteTime.ToText(now));
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = SqliteDatabase.Command(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name");
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static Dictionary<int, (string Checksum, DateTimeOffset AppliedAt)> ReadApplied(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = SqliteDatabase.Command(connection, transaction, AppliedSql);
        using var reader = command.ExecuteReader();
        var applied = new Dictionary<int, (string, DateTimeOffset)>();
        while (reader.Read())
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), SqliteTime.Parse(reader.GetString(2)));
        }

        return applied;
    }
}
