using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>
/// <see cref="ISessionStore"/> on PostgreSQL: one <see cref="NpgsqlDataSource"/>, READ COMMITTED
/// transactions whose correctness rests on unique constraints, row locks and <c>SKIP LOCKED</c>;
/// workers wake on <c>NOTIFY emgs_jobs</c>.
/// </summary>
internal sealed partial class PostgresSessionStore : ISessionStore
{
    public const string JobChannel = "emgs_jobs";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _dedicatedConnectionString;
    private readonly PostgresMigrationRunner _migrations;
    private readonly PostgresJobListener _listener;
    private Task<PostgresSessionSchema>? _schema;

    public PostgresSessionStore(DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _dedicatedConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString;
        _migrations = new PostgresMigrationRunner(_dataSource, loggerFactory.CreateLogger<MigrationRunner>());
        _listener = new PostgresJobListener(_dedicatedConnectionString, loggerFactory.CreateLogger<PostgresJobListener>());
    }

    public string Engine => "postgresql";

    internal NpgsqlDataSource DataSource => _dataSource;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrations.ApplyAsync(cancellationToken).ConfigureAwait(false);
        _schema = null;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public Task WaitForJobsAsync(TimeSpan timeout, CancellationToken cancellationToken) => _listener.WaitAsync(timeout, cancellationToken);

    public Task<IAsyncDisposable?> TryAcquireSingletonAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return PostgresErrors.GuardAsync(() => PostgresAdvisoryLock.TryAcquireAsync(_dedicatedConnectionString, name, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private Task<T> Guard<T>(Func<Task<T>> operation) => PostgresErrors.GuardAsync(operation);

    /// <summary>
    /// <paramref name="body"/> in one <see cref="PostgresUnitOfWork"/> transaction, given the table's shape. The shape is
    /// read before the connection is taken, so a first read never holds one pooled connection while it waits for another.
    /// </summary>
    private async Task<T> TransactionAsync<T>(
        Func<PostgresSessionSchema, NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        var schema = await SchemaAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresUnitOfWork.TransactionAsync(
            _dataSource, (connection, transaction) => body(schema, connection, transaction), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The shape of <c>therapy_sessions</c> (read once; again after a migration, or after a failed read).</summary>
    private async Task<PostgresSessionSchema> SchemaAsync(CancellationToken cancellationToken)
    {
        var pending = _schema;
        if (pending is null || pending.IsFaulted || pending.IsCanceled)
        {
            pending = PostgresSessionSchema.ReadAsync(_dataSource, cancellationToken);
            _schema = pending;
        }

        return await pending.ConfigureAwait(false);
    }

    private static void Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });

    private static object? Utc(DateTimeOffset? value) => value?.ToUniversalTime();
}
