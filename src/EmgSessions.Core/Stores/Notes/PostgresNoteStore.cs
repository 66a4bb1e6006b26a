using System.Data.Common;
using Npgsql;

namespace EmgSessions.Core.Stores.Notes;

/// <summary>Notes on PostgreSQL: uuid ids and timestamptz, in the current schema.</summary>
internal sealed class PostgresNoteStore(NpgsqlDataSource dataSource) : NoteStore
{
    protected override string PredecessorColumnSql => """
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'therapy_sessions' AND column_name = 'notes'
        """;

    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken) =>
        Postgres.PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = body(connection, transaction);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        });

    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        Postgres.PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return body(connection);
        });

    protected override object Id(Guid id) => id;

    protected override object Time(DateTimeOffset value) => value.ToUniversalTime();

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
