using System.Diagnostics;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmgSessions.Core.Migrations;

/// <summary>
/// The PostgreSQL runner. A session-level advisory lock, held on one connection for the whole run,
/// makes concurrent starts of several processes safe: the second waits, then finds nothing to do.
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
        )
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
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!await TableExistsAsync(connection, "schema_migrations", cancellationToken).ConfigureAwait(false)
                        && await TableExistsAsync(connection, "therapy_sessions", cancellationToken).ConfigureAwait(false))
                    {
                        var baseline = BaselineVersion(await TableExistsAsync(connection, "c3d_technical_data", cancellationToken).ConfigureAwait(false));
                        await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
                        foreach (var migration in Migrations.Where(m => m.Version <= baseline))
                        {
                            await RecordAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                        }

                        DatabaseLog.PredecessorAdopted(logger, baseline);
                    }

                    await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

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

    public override async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

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
