using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>
/// <see cref="ISessionStore"/> on a SQLite file (system.md §2.5): every write is one <c>BEGIN IMMEDIATE</c>
/// transaction, so several connections and several processes can share the file.
/// </summary>
internal sealed partial class SqliteSessionStore : ISessionStore
{
    private readonly SqliteDatabase _database;
    private readonly SqliteMigrationRunner _migrations;

    public SqliteSessionStore(DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _database = new SqliteDatabase(options, loggerFactory.CreateLogger<SqliteSessionStore>());
        _migrations = new SqliteMigrationRunner(_database, loggerFactory.CreateLogger<MigrationRunner>());
    }

    public string Engine => "sqlite";

    internal SqliteDatabase Database => _database;

    internal MigrationRunner Migrations => _migrations;

    public Task MigrateAsync(CancellationToken cancellationToken) => _migrations.ApplyAsync(cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Ready only while the file opened is still the one on disk: a deleted or replaced file answers "SELECT 1"
            // through pooled connections, but what they write is lost at the next start.
            return _database.ReadAsync(connection =>
            {
                using var command = SqliteDatabase.Command(connection, null, "SELECT 1");
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1 && _database.IsStillOnDisk();
            }, cancellationToken);
        }
        catch (DatabaseUnavailableException)
        {
            return Task.FromResult(false);
        }
        catch (SqliteException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<IAsyncDisposable?> TryAcquireSingletonAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IAsyncDisposable?>(SqliteSingletonLock.TryAcquire(_database.Path, name));
    }

    public Task WaitForJobsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _database.Signal.WaitAsync(timeout, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql) =>
        SqliteDatabase.Command(connection, transaction, sql);

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
