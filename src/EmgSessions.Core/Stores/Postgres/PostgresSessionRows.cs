using System.Data.Common;
using System.Globalization;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>PostgreSQL's storage of session columns: uuid ids, timestamptz times, REAL numbers, text[] channel names.</summary>
internal sealed class PostgresSessionRows : SessionRowMapper
{
    public static PostgresSessionRows Instance { get; } = new();

    protected override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>REAL columns, widened through their shortest decimal text so 2.5f reads as 2.5 and 1000.1f as 1000.1.</summary>
    protected override double ReadReal(DbDataReader reader, int ordinal) =>
        double.Parse(reader.GetFloat(ordinal).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    protected override string[] ReadNames(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);
}
