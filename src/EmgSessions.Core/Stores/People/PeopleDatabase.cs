using System.Data;
using System.Data.Common;
using System.Globalization;

namespace EmgSessions.Core.Stores.People;

/// <summary>
/// What differs between the engines for <see cref="PeopleStore"/>: connections and transactions, how ids, times and
/// dates are stored, how constraint violations are told apart, and how the catalogue lists a table's columns.
/// Everything else (the statements in <see cref="PeopleSql"/>) is written once.
/// </summary>
internal abstract class PeopleDatabase : IAsyncDisposable
{
    /// <summary>A query that answers one row per column name of the table named by <c>@table</c>.</summary>
    public abstract string ColumnsSql { get; }

    public abstract Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> body, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="body"/> in one transaction, committed when it returns.</summary>
    public abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken cancellationToken);

    public abstract void AddId(DbCommand command, string name, Guid? id);

    public abstract void AddTime(DbCommand command, string name, DateTimeOffset? time);

    public abstract void AddDate(DbCommand command, string name, DateOnly? date);

    public abstract void AddJson(DbCommand command, string name, string json);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    public abstract bool IsUniqueViolation(Exception exception);

    public abstract bool IsForeignKeyViolation(Exception exception);

    /// <summary>The column a NOT NULL constraint refused a null for, or null when the error is something else.</summary>
    public abstract string? NotNullViolationColumn(Exception exception);

    public abstract ValueTask DisposeAsync();

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void AddText(DbCommand command, string name, string? text) => Add(command, name, DbType.String, text);

    public static void AddReal(DbCommand command, string name, double? value) => Add(command, name, DbType.Double, value);

    public static void AddInteger(DbCommand command, string name, int? value) => Add(command, name, DbType.Int32, value);

    public Guid? ReadNullableId(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadId(reader, ordinal);

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public DateOnly? ReadNullableDate(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadDate(reader, ordinal);

    public static string? ReadText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? ReadReal(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static int? ReadInteger(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    protected static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
