using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Core.Tests.Ingestion;

/// <summary>A fresh migrated database per test class, on SQLite (temp file) or the PostgreSQL of EMGS_TEST_POSTGRES.</summary>
public abstract class IngestionDatabase : IAsyncLifetime
{
    public string Spec { get; protected set; } = "";

    public ISessionStore Store { get; private set; } = null!;

    public abstract string Engine { get; }

    public async Task InitializeAsync()
    {
        Spec = await CreateAsync();
        Store = SessionStoreFactory.Create(Spec, NullLoggerFactory.Instance);
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await DropAsync();
    }

    /// <summary>Runs SQL that is the same on both engines.</summary>
    public abstract Task<int> ExecuteAsync(string sql);

    protected abstract Task<string> CreateAsync();

    protected abstract Task DropAsync();
}

public sealed class SqliteIngestionDatabase : IngestionDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emgs-ingest-" + Guid.NewGuid().ToString("N"));

    public override string Engine => "sqlite";

    public override async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(DatabaseOptions.Parse(Spec).ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    protected override Task<string> CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult("sqlite:" + Path.Combine(_folder, "emgs.db"));
    }

    protected override Task DropAsync()
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
}

public sealed class PostgresIngestionDatabase : IngestionDatabase
{
    private string _name = "";

    public override string Engine => "postgresql";

    public override async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    protected override async Task<string> CreateAsync()
    {
        _name = TestPostgres.NewDatabaseName("emgs_ingest");
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = _name }.ConnectionString;
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
