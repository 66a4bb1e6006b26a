using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>SQLite's storage of session columns: ids and times as text, channel names as a JSON array.</summary>
internal sealed class SqliteSessionRows : SessionRowMapper
{
    public static SqliteSessionRows Instance { get; } = new();

    protected override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => SqliteTime.Parse(reader.GetString(ordinal));

    protected override double ReadReal(DbDataReader reader, int ordinal) => reader.GetDouble(ordinal);

    protected override string[] ReadNames(DbDataReader reader, int ordinal) => JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];
}
