using EmgSessions.Core.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmgSessions.Testing.Databases;

/// <summary>
/// One fresh database for a test or a test class, on either engine: a SQLite file in its own temp folder, or a
/// new database in the PostgreSQL of <c>EMGS_TEST_POSTGRES</c> (never skipped when that is missing).
/// Empty by default; <c>migrated: true</c> copies a database migrated once per test run
/// (<see cref="PostgresTemplate"/>, <see cref="SqliteTemplate"/>), which is what makes store tests cheap.
/// Disposing drops it: <c>DROP DATABASE … WITH (FORCE)</c>, or the SQLite pools cleared and the folder deleted.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseEngine engine, string spec, string? postgresName, string? sqliteFolder)
    {
        Engine = engine;
        Spec = spec;
        PostgresName = postgresName;
        SqliteFolder = sqliteFolder;
    }

    public DatabaseEngine Engine { get; }

    /// <summary>The <c>--database</c> spec (for <see cref="SessionStoreFactory"/>).</summary>
    public string Spec { get; }

    /// <summary>The PostgreSQL database name; null on SQLite.</summary>
    public string? PostgresName { get; }

    /// <summary>The temp folder that holds the SQLite file; null on PostgreSQL.</summary>
    public string? SqliteFolder { get; }

    public bool IsPostgres => Engine == DatabaseEngine.Postgres;

    public static Task<TestDatabase> CreateAsync(DatabaseEngine engine, string prefix, bool migrated = false) =>
        engine == DatabaseEngine.Postgres ? CreatePostgresAsync(prefix, migrated) : CreateSqliteAsync(prefix, migrated);

    /// <param name="prefix">Starts the temp folder's name.</param>
    /// <param name="migrated">A copy of a migrated database instead of a file that does not exist yet.</param>
    public static async Task<TestDatabase> CreateSqliteAsync(string prefix = "emgs-db", bool migrated = false)
    {
        var folder = Directory.CreateTempSubdirectory(prefix.TrimEnd('-') + "-").FullName;
        var path = Path.Combine(folder, "emgs.db");
        if (migrated)
        {
            await SqliteTemplate.CopyToAsync(path);
        }

        return new TestDatabase(DatabaseEngine.Sqlite, "sqlite:" + path, null, folder);
    }

    /// <param name="prefix">Starts the database name (see <see cref="TestPostgres.NewDatabaseName"/>).</param>
    /// <param name="migrated">Created from the migrated template instead of the server's empty template1.</param>
    public static async Task<TestDatabase> CreatePostgresAsync(string prefix, bool migrated = false)
    {
        var name = TestPostgres.NewDatabaseName(prefix);
        var spec = await CreatePostgresNamedAsync(name, migrated ? await PostgresTemplate.NameAsync() : null);
        return new TestDatabase(DatabaseEngine.Postgres, spec, name, null);
    }

    /// <summary>Creates the PostgreSQL database <paramref name="name"/> (from <paramref name="template"/> when given) and returns its spec.</summary>
    public static async Task<string> CreatePostgresNamedAsync(string name, string? template = null)
    {
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        var sql = template is null ? $"CREATE DATABASE {Quote(name)}" : $"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(template)}";
        await using var create = new NpgsqlCommand(sql, admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the PostgreSQL database <paramref name="name"/> if it exists, closing whatever is still connected.</summary>
    public static async Task DropPostgresAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Clears the SQLite pools and deletes <paramref name="folder"/>; a file still held open leaves it behind.</summary>
    public static void DeleteSqliteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresName is not null)
        {
            await DropPostgresAsync(PostgresName);
        }
        else if (SqliteFolder is not null)
        {
            DeleteSqliteFolder(SqliteFolder);
        }
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
