using System.Diagnostics;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Migrations;

/// <summary>
/// The SQLite runner. Concurrent starts are serialised by <c>BEGIN IMMEDIATE</c>: each migration runs
/// in its own immediate transaction that first re-reads what is applied.
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
        """;

    private const string TableExistsSql = """
        SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name
        """;

    private const string AppliedSql = """
        SELECT version, checksum, applied_at FROM schema_migrations
        """;

    private const string RecordSql = """
        INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($version, $name, $checksum, $applied_at)
        """;

    public override async Task<IReadOnlyList<MigrationState>> ApplyAsync(CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, transaction) =>
        {
            if (!TableExists(connection, transaction, "schema_migrations") && TableExists(connection, transaction, "therapy_sessions"))
            {
                Adopt(connection, transaction);
            }

            SqliteDatabase.Execute(connection, transaction, CreateTableSql);
            CheckChecksums(ReadApplied(connection, transaction));
            return 0;
        }, cancellationToken).ConfigureAwait(false);

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

    private void Adopt(SqliteConnection connection, SqliteTransaction transaction)
    {
        var baseline = BaselineVersion(TableExists(connection, transaction, "c3d_technical_data"));
        SqliteDatabase.Execute(connection, transaction, CreateTableSql);
        foreach (var migration in Migrations.Where(m => m.Version <= baseline))
        {
            Record(connection, transaction, migration);
        }

        DatabaseLog.PredecessorAdopted(logger, baseline);
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
        using var command = SqliteDatabase.Command(connection, transaction, TableExistsSql);
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
