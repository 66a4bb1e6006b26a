using System.Data;
using System.Data.Common;
using EmgSessions.Core.Stores.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.People;

/// <summary><see cref="PeopleDatabase"/> on PostgreSQL: uuid, timestamptz, date and jsonb as themselves.</summary>
internal sealed class PostgresPeopleDatabase(NpgsqlDataSource dataSource, bool ownsDataSource) : PeopleDatabase
{
    public override string ColumnsSql => """
        SELECT column_name::text FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = @table
        """;

    public override Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> body, CancellationToken cancellationToken) =>
        PostgresUnitOfWork.ConnectionAsync(dataSource, body, cancellationToken);

    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken cancellationToken) =>
        PostgresUnitOfWork.TransactionAsync(dataSource, body, cancellationToken);

    public override void AddId(DbCommand command, string name, Guid? id) => Add(command, name, DbType.Guid, id);

    public override void AddTime(DbCommand command, string name, DateTimeOffset? time) =>
        Add(command, name, DbType.DateTimeOffset, time?.ToUniversalTime());

    public override void AddDate(DbCommand command, string name, DateOnly? date) => Add(command, name, DbType.Date, date);

    public override void AddJson(DbCommand command, string name, string json) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });

    public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrors.UniqueViolation };

    public override bool IsForeignKeyViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrors.ForeignKeyViolation };

    public override string? NotNullViolationColumn(Exception exception) =>
        exception is PostgresException { SqlState: "23502" } postgres ? postgres.ColumnName ?? "a column" : null;

    public override async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
