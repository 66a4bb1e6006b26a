using System.Data.Common;
using Npgsql;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>
/// The connection plumbing the stores written once over both engines need from PostgreSQL: a body run on an open
/// connection (in a committed transaction for writes), with Npgsql failures classified by <see cref="PostgresErrors"/>.
/// </summary>
internal static class PostgresUnitOfWork
{
    public static Task<T> WriteAsync<T>(NpgsqlDataSource dataSource, Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = body(connection, transaction);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        });

    public static Task<T> ReadAsync<T>(NpgsqlDataSource dataSource, Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return body(connection);
        });
}
