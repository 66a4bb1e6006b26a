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
        Postgres.PostgresUnitOfWork.WriteAsync(dataSource, body, cancellationToken);

    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        Postgres.PostgresUnitOfWork.ReadAsync(dataSource, body, cancellationToken);

    protected override object Id(Guid id) => id;

    protected override object Time(DateTimeOffset value) => value.ToUniversalTime();

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
