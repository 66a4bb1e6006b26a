using EmgSessions.Core.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Testing.Databases;

/// <summary>
/// A PostgreSQL database migrated once per test process, which <see cref="TestDatabase"/> copies with
/// <c>CREATE DATABASE … TEMPLATE</c> instead of running every migration for every test. It is built under a lock
/// by the first caller, then closed to connections (a template must have none while it is copied), and dropped
/// when the process exits. Per process, so it always holds the migrations of the build under test.
/// </summary>
internal static class PostgresTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _name;

    public static async Task<string> NameAsync()
    {
        if (Volatile.Read(ref _name) is { } built)
        {
            return built;
        }

        await Gate.WaitAsync();
        try
        {
            if (_name is null)
            {
                var name = TestPostgres.NewDatabaseName("emgs_template");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(name);
                await BuildAsync(name);
                Volatile.Write(ref _name, name);
            }

            return _name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task BuildAsync(string name)
    {
        var spec = await TestDatabase.CreatePostgresNamedAsync(name);
        await using (var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        var quoted = TestDatabase.Quote(name);
        await using var close = new NpgsqlCommand(
            $"""
            ALTER DATABASE {quoted} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true;
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid();
            """,
            admin);
        close.Parameters.AddWithValue("name", name);
        await close.ExecuteNonQueryAsync();
    }

    private static void Drop(string name)
    {
        try
        {
            using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
            admin.Open();
            var quoted = TestDatabase.Quote(name);
            // Two commands: a batch runs as one transaction, and DROP DATABASE refuses to run inside one.
            using (var release = new NpgsqlCommand($"ALTER DATABASE {quoted} WITH IS_TEMPLATE false", admin))
            {
                release.ExecuteNonQuery();
            }

            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone (test.sh stops it); a leftover template is harmless there.
        }
    }
}
