using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Access;

namespace EmgSessions.Http;

/// <summary>
/// The audit trail as CSV (RFC 4180): one header line, one line per event. A field that a spreadsheet would read as
/// a formula (starting with = + - @) is prefixed with an apostrophe.
/// </summary>
internal static class AuditCsv
{
    public const string Header = "id,at,actor,actor_role,action,subject_type,subject_id,ip,details";

    public static string Line(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var details = JsonSerializer.Serialize(new SortedDictionary<string, string>(
            e.Details.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal));
        var fields = new[]
        {
            e.Id.ToString("D"), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Actor, e.ActorRole, e.Action,
            e.SubjectType, e.SubjectId, e.Ip, details,
        };
        return string.Join(',', fields.Select(Field));
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
