using System.Data.Common;
using System.Globalization;
using EmgSessions.Core.Stores.Sqlite;

namespace EmgSessions.Core.Stores.Notes;

/// <summary>Notes on SQLite: text ids and times; writes in the file's <c>BEGIN IMMEDIATE</c> transactions.</summary>
internal sealed class SqliteNoteStore(SqliteDatabase database) : NoteStore
{
    protected override string PredecessorColumnSql => "SELECT 1 FROM pragma_table_info('therapy_sessions') WHERE name = 'notes'";

    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken) =>
        database.WriteAsync<T>((connection, transaction) => body(connection, transaction), cancellationToken);

    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        database.ReadAsync<T>(connection => body(connection), cancellationToken);

    protected override object Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    protected override object Time(DateTimeOffset value) => SqliteTime.ToParameter(value);

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteTime.Parse(reader.GetString(ordinal));
}
