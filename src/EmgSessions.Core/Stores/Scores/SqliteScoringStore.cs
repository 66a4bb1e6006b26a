using System.Data.Common;
using System.Globalization;
using EmgSessions.Core.Stores.Sqlite;
using static EmgSessions.Core.Stores.DbCommands;

namespace EmgSessions.Core.Stores.Scores;

/// <summary>Scores on SQLite: text ids and times, 0/1 booleans, JSON as text; writes in the file's <c>BEGIN IMMEDIATE</c> transactions.</summary>
internal sealed class SqliteScoringStore(SqliteDatabase database, TimeProvider? timeProvider = null) : ScoringStore(timeProvider)
{
    protected override string LockSessionSql => "SELECT 1 FROM therapy_sessions WHERE id = @id";

    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken) =>
        database.WriteAsync<T>((connection, transaction) => body(connection, transaction), cancellationToken);

    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        database.ReadAsync<T>(connection => body(connection), cancellationToken);

    protected override object Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    protected override object Time(DateTimeOffset? value) => SqliteTime.ToParameter(value);

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteTime.Parse(reader.GetString(ordinal));

    protected override object Bool(bool value) => value ? 1 : 0;

    protected override void AddJson(DbCommand command, string name, string json) => Add(command, name, json);

    protected override string IdSet(string name) => $"SELECT value FROM json_each(@{name})";

    protected override void AddIds(DbCommand command, string name, IReadOnlyCollection<Guid> ids) =>
        Add(command, name, System.Text.Json.JsonSerializer.Serialize(ids.Select(id => id.ToString("D", CultureInfo.InvariantCulture))));

    protected override string Differs(string a, string b) => $"NOT ({a} IS {b})";
}
