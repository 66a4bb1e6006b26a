using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Testing.Databases;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>
/// Fresh databases for the store and migration tests, on one engine: SQLite temp files, or databases
/// created in the PostgreSQL server of <c>EMGS_TEST_POSTGRES</c> (never skipped when it is missing).
/// Every database is the test's own; all are dropped with the fixture.
/// </summary>
public abstract class TestDatabases(DatabaseEngine engine, string prefix) : IAsyncLifetime
{
    private readonly List<TestDatabase> _databases = [];

    public DatabaseEngine Engine => engine;

    /// <summary>A spec (for <see cref="SessionStoreFactory"/>) of a new, empty database.</summary>
    public Task<string> NewEmptyDatabaseAsync() => NewDatabaseAsync(migrated: false);

    /// <summary>A spec of a new database already migrated (a copy of the run's migrated template).</summary>
    public Task<string> NewMigratedDatabaseAsync() => NewDatabaseAsync(migrated: true);

    public Task ExecuteAsync(string spec, string sql) => TestDatabaseSql.ExecuteAsync(spec, sql);

    public Task<List<object?[]>> QueryAsync(string spec, string sql) => TestDatabaseSql.QueryAsync(spec, sql);

    public async Task<object?> ScalarAsync(string spec, string sql) => (await QueryAsync(spec, sql))[0][0];

    /// <summary>
    /// A new migrated store of its own database; the caller disposes it. The database is a copy of one migrated
    /// once per test run, and <see cref="ISessionStore.MigrateAsync"/> still runs on it (and finds nothing to do).
    /// </summary>
    public async Task<ISessionStore> NewStoreAsync()
    {
        var store = SessionStoreFactory.Create(await NewDatabaseAsync(migrated: true), NullLoggerFactory.Instance);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        TestDatabase[] databases;
        lock (_databases)
        {
            databases = [.. _databases];
        }

        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    private async Task<string> NewDatabaseAsync(bool migrated)
    {
        var database = await TestDatabase.CreateAsync(engine, prefix, migrated);
        lock (_databases)
        {
            _databases.Add(database);
        }

        return database.IsPostgres
            ? new NpgsqlConnectionStringBuilder(database.Spec) { MaxPoolSize = 60 }.ConnectionString
            : database.Spec;
    }
}

public sealed class SqliteTestDatabases() : TestDatabases(DatabaseEngine.Sqlite, "emgs-store-tests");

public sealed class PostgresTestDatabases() : TestDatabases(DatabaseEngine.Postgres, "emgs_store");
