using EmgSessions.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>A fresh database for one test: a SQLite file in a temp folder, or a new database in the PostgreSQL of EMGS_TEST_POSTGRES.</summary>
public sealed class EndToEndDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;
    private readonly string? _folder;

    private EndToEndDatabase(string spec, string? postgresName, string? folder)
    {
        Spec = spec;
        _postgresName = postgresName;
        _folder = folder;
    }

    public string Spec { get; }

    public bool IsPostgres => _postgresName is not null;

    public static async Task<EndToEndDatabase> CreateAsync(bool postgres)
    {
        if (!postgres)
        {
            var folder = Directory.CreateTempSubdirectory("emgs-e2e-db-").FullName;
            return new EndToEndDatabase("sqlite:" + Path.Combine(folder, "emgs.db"), null, folder);
        }

        var name = TestPostgres.NewDatabaseName("emgs_e2e");
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new EndToEndDatabase(new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = name }.ConnectionString, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
