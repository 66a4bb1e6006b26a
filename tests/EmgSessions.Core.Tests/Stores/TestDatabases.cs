using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>
/// Fresh databases for the store and migration tests, on one engine: SQLite temp files, or databases
/// created in the PostgreSQL server of <c>EMGS_TEST_POSTGRES</c> (never skipped when it is missing).
/// </summary>
public abstract class TestDatabases : IAsyncLifetime
{
    public abstract DatabaseEngine Engine { get; }

    /// <summary>A spec (for <see cref="SessionStoreFactory"/>) of a new, empty database.</summary>
    public abstract Task<string> NewEmptyDatabaseAsync();

    public abstract Task ExecuteAsync(string spec, string sql);

    public abstract Task<List<object?[]>> QueryAsync(string spec, string sql);

    public async Task<object?> ScalarAsync(string spec, string sql) => (await QueryAsync(spec, sql))[0][0];

    /// <summary>A new migrated store; the caller disposes it.</summary>
    public async Task<ISessionStore> NewStoreAsync()
    {
        var store = SessionStoreFactory.Create(await NewEmptyDatabaseAsync(), NullLoggerFactory.Instance);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

public sealed class SqliteTestDatabases : TestDatabases
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emgs-store-tests-" + Guid.NewGuid().ToString("N"));

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override Task<string> NewEmptyDatabaseAsync() =>
        Task.FromResult("sqlite:" + Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"));

    public override Task ExecuteAsync(string spec, string sql)
    {
        using var connection = Open(spec);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public override Task<List<object?[]>> QueryAsync(string spec, string sql)
    {
        using var connection = Open(spec);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return Task.FromResult(rows);
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private static SqliteConnection Open(string spec)
    {
        var options = DatabaseOptions.Parse(spec);
        Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
        var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        return connection;
    }
}

public sealed class PostgresTestDatabases : TestDatabases
{
    private readonly List<string> _databases = [];

    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    public override async Task<string> NewEmptyDatabaseAsync()
    {
        var name = TestPostgres.NewDatabaseName("emgs_store");
        await using (var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    public override async Task ExecuteAsync(string spec, string sql)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<List<object?[]>> QueryAsync(string spec, string sql)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public override async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
