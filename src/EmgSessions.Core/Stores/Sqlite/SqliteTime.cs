using System.Globalization;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>Timestamps as SQLite holds them (system.md §2.5): ISO-8601 UTC text with <c>Z</c>, milliseconds, so text order is time order.</summary>
internal static class SqliteTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static object ToParameter(DateTimeOffset? value) => value is { } v ? ToText(v) : DBNull.Value;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Now() => ToText(DateTimeOffset.UtcNow);
}
