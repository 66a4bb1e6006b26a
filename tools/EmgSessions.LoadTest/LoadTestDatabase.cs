using Npgsql;

namespace EmgSessions.LoadTesting;

/// <summary>A fresh PostgreSQL database for one run, created on the given server and dropped afterwards.</summary>
internal sealed class LoadTestDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private LoadTestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql keywords for <c>--database</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<LoadTestDatabase> CreateAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        var name = "emgs_loadtest_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name };
        return new LoadTestDatabase(adminConnectionString, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The server may be gone already; a leftover database in a throwaway server is harmless.
        }
    }
}
