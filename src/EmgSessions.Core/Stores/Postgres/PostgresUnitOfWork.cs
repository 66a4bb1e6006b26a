using System.Data.Common;
using Npgsql;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>
/// The one place PostgreSQL connections and transactions are handled for the stores: a body run on an open pooled
/// connection (in a transaction committed when the body returns, for writes), disposed afterwards, with Npgsql failures
/// classified by <see cref="PostgresErrors"/>. A body that throws leaves its transaction uncommitted: disposing it rolls
/// back, and the body's exception reaches the caller as it was thrown. Transactions are READ COMMITTED (the server's
/// default); correctness rests on constraints, row locks and <c>SKIP LOCKED</c>, and there is no retry here (a caller
/// that decides again after a conflict, such as <see cref="RegistrationDecision"/>, loops around a whole unit).
/// </summary>
internal static class PostgresUnitOfWork
{
    /// <summary>Runs <paramref name="body"/> in one transaction, committed when it returns.</summary>
    public static Task<T> TransactionAsync<T>(
        NpgsqlDataSource dataSource, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await body(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        });

    /// <summary>Runs <paramref name="body"/> on an open connection, outside any transaction (each statement commits on its own).</summary>
    public static Task<T> ConnectionAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task<T>> body, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await body(connection).ConfigureAwait(false);
        });

    /// <summary>An open connection the caller disposes (for a stream that outlives one call), its opening classified as the others are.</summary>
    public static Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => dataSource.OpenConnectionAsync(cancellationToken).AsTask());

    /// <summary><see cref="TransactionAsync{T}"/> for a synchronous body (the stores written once over both engines).</summary>
    public static Task<T> WriteAsync<T>(NpgsqlDataSource dataSource, Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken) =>
        TransactionAsync(dataSource, (connection, transaction) => Task.FromResult(body(connection, transaction)), cancellationToken);

    /// <summary><see cref="ConnectionAsync{T}"/> for a synchronous body (the stores written once over both engines).</summary>
    public static Task<T> ReadAsync<T>(NpgsqlDataSource dataSource, Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        ConnectionAsync(dataSource, connection => Task.FromResult(body(connection)), cancellationToken);
}
