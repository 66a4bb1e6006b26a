using System.Data;
using System.Data.Common;
using System.Globalization;
using EmgSessions.Core.Stores.Sqlite;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.People;

/// <summary>
/// <see cref="PeopleDatabase"/> on a SQLite file: writes go through <see cref="SqliteDatabase.WriteAsync{T}"/> (one
/// <c>BEGIN IMMEDIATE</c> transaction, serialised with the session store's writes); ids, times and dates are text.
/// Microsoft.Data.Sqlite completes its asynchronous calls synchronously, so the bodies run to completion inside.
/// </summary>
internal sealed class SqlitePeopleDatabase(SqliteDatabase database) : PeopleDatabase
{
    private const string DateFormat = "yyyy-MM-dd";

    public override string ColumnsSql => "SELECT name FROM pragma_table_info(@table)";

    public override Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> body, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => body(connection).GetAwaiter().GetResult(), cancellationToken);

    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => body(connection, transaction).GetAwaiter().GetResult(), cancellationToken);

    public override void AddId(DbCommand command, string name, Guid? id) =>
        Add(command, name, DbType.String, id?.ToString("D", CultureInfo.InvariantCulture));

    public override void AddTime(DbCommand command, string name, DateTimeOffset? time) =>
        Add(command, name, DbType.String, time is { } t ? SqliteTime.ToText(t) : null);

    public override void AddDate(DbCommand command, string name, DateOnly? date) =>
        Add(command, name, DbType.String, date?.ToString(DateFormat, CultureInfo.InvariantCulture));

    public override void AddJson(DbCommand command, string name, string json) => Add(command, name, DbType.String, json);

    public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => SqliteTime.Parse(reader.GetString(ordinal));

    public override DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException sqlite && SqliteDatabase.IsUniqueViolation(sqlite);

    public override bool IsForeignKeyViolation(Exception exception) =>
        exception is SqliteException sqlite && SqliteDatabase.IsForeignKeyViolation(sqlite);

    public override string? NotNullViolationColumn(Exception exception)
    {
        // SQLITE_CONSTRAINT_NOTNULL: "NOT NULL constraint failed: patients.first_name".
        if (exception is not SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1299 } sqlite)
        {
            return null;
        }

        var at = sqlite.Message.LastIndexOf('.');
        return at < 0 ? "a column" : sqlite.Message[(at + 1)..].Trim().TrimEnd('\'', '.');
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
