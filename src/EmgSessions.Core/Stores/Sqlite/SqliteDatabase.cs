using System.Collections.Concurrent;
using EmgSessions.Core.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>
/// Connections to one SQLite file: foreign keys on, a busy timeout, WAL, and writes serialised — in this
/// process by a gate shared by every store on the same file, across processes by <c>BEGIN IMMEDIATE</c>
/// with retries on <c>SQLITE_BUSY</c>. Failures to reach the file become <see cref="DatabaseUnavailableException"/>.
/// </summary>
internal sealed class SqliteDatabase
{
    // A writer holds the lock for milliseconds; a file still locked after three waits of 5 s is
    // reported as unavailable (503 / retry later) instead of keeping a request or a worker for minutes.
    private const int BusyTimeoutMs = 5_000;
    private const int MaxBusyRetries = 3;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JobSignal> Signals = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> WalEnabled = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly ILogger _logger;
    private readonly Lock _identityLock = new();
    private SqliteFileIdentity? _opened;

    public SqliteDatabase(DatabaseOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.SqlitePath ?? throw new ArgumentException("Not a SQLite database.", nameof(options));
        _connectionString = options.ConnectionString;
        _writeGate = WriteGates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        Signal = Signals.GetOrAdd(Path, _ => new JobSignal());
        _logger = logger;
    }

    public string Path { get; }

    /// <summary>Wakes waiting workers of this process when a job is enqueued in this file.</summary>
    public JobSignal Signal { get; }

    public SqliteConnection Open()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            TraceStatements(connection);
            Execute(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;");
            if (!WalEnabled.ContainsKey(Path))
            {
                Execute(connection, null, "PRAGMA journal_mode = WAL;");
                WalEnabled[Path] = true;
            }

            RememberIdentity();
            connection.CreateFunction("emgs_canonical_json", (string? json) => json is null ? null : CanonicalJson.Canonicalize(json), isDeterministic: true);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every statement run on the connection is logged at Trace level, with its text (never its parameter values) and
    /// its time, when the logger wants that level; otherwise a pooled connection loses the hook an earlier open set.
    /// </summary>
    private void TraceStatements(SqliteConnection connection)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            var logger = _logger;
            raw.sqlite3_profile(connection.Handle, (_, sql, nanoseconds) => DatabaseLog.Statement(logger, nanoseconds / 1e6, sql), null);
        }
        else
        {
            raw.sqlite3_profile(connection.Handle, (strdelegate_profile?)null, null);
        }
    }

    /// <summary>
    /// False when the file this object first opened is no longer the one at <see cref="Path"/> (deleted, or replaced by
    /// another file): pooled connections would write into a file the next start will not see.
    /// </summary>
    public bool IsStillOnDisk()
    {
        var now = SqliteFileIdentity.Of(Path);
        lock (_identityLock)
        {
            return _opened is null ? now is not null : now == _opened;
        }
    }

    private void RememberIdentity()
    {
        lock (_identityLock)
        {
            _opened ??= SqliteFileIdentity.Of(Path);
        }
    }

    /// <summary>Runs <paramref name="body"/> in one <c>BEGIN IMMEDIATE</c> transaction, committed when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> body, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var connection = Open();
                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = body(connection, transaction);
                    transaction.Commit();
                    return result;
                }
                catch (SqliteException ex) when (IsBusy(ex) && attempt < MaxBusyRetries)
                {
                    DatabaseLog.Busy(_logger, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * attempt), cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException ex) when (IsUnavailable(ex))
                {
                    throw Unavailable(ex);
                }
                catch (IOException ex)
                {
                    throw Unavailable(ex);
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs a read on its own connection (WAL readers never wait for writers).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            return Task.FromResult(body(connection));
        }
        catch (SqliteException ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
        catch (IOException ex)
        {
            throw Unavailable(ex);
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteNonQuery();
    }

    public static bool IsUniqueViolation(SqliteException ex) =>
        ex.SqliteErrorCode == 19 && ex.SqliteExtendedErrorCode is 2067 or 1555;

    public static bool IsForeignKeyViolation(SqliteException ex) =>
        ex.SqliteErrorCode == 19 && ex.SqliteExtendedErrorCode == 787;

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6;

    // BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL.
    private static bool IsUnavailable(SqliteException ex) => ex.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14 or 15;

    private DatabaseUnavailableException Unavailable(Exception ex) =>
        new($"The SQLite database {Path} is unavailable: {ex.Message}", ex);
}
