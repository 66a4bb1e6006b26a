using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Testing.Databases;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Ingestion;

/// <summary>
/// A fresh migrated database per test class, on SQLite (temp file) or the PostgreSQL of EMGS_TEST_POSTGRES:
/// a copy of the database migrated once per test run, on which <see cref="ISessionStore.MigrateAsync"/> still runs.
/// </summary>
public abstract class IngestionDatabase(DatabaseEngine engine, string prefix) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public string Spec => _database.Spec;

    public ISessionStore Store { get; private set; } = null!;

    public string Engine => engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(engine, prefix, migrated: true);
        Store = SessionStoreFactory.Create(Spec, NullLoggerFactory.Instance);
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Runs SQL that is the same on both engines.</summary>
    public Task<int> ExecuteAsync(string sql) => TestDatabaseSql.ExecuteAsync(Spec, sql);
}

public sealed class SqliteIngestionDatabase() : IngestionDatabase(DatabaseEngine.Sqlite, "emgs-ingest");

public sealed class PostgresIngestionDatabase() : IngestionDatabase(DatabaseEngine.Postgres, "emgs_ingest");
