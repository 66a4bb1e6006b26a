using System.Data.Common;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

internal sealed partial class PeopleStore
{
    public async ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var details = JsonSerializer.Serialize(new SortedDictionary<string, string>(
            auditEvent.Details.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal));
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = PeopleDatabase.Command(connection, transaction, """
                INSERT INTO audit_events (id, at, actor, actor_role, action, subject_type, subject_id, ip, details)
                VALUES (@id, @at, @actor, @actor_role, @action, @subject_type, @subject_id, @ip, @details)
                """);
            _database.AddId(command, "@id", auditEvent.Id);
            _database.AddTime(command, "@at", auditEvent.At);
            PeopleDatabase.AddText(command, "@actor", auditEvent.Actor);
            PeopleDatabase.AddText(command, "@actor_role", auditEvent.ActorRole);
            PeopleDatabase.AddText(command, "@action", auditEvent.Action);
            PeopleDatabase.AddText(command, "@subject_type", auditEvent.SubjectType);
            PeopleDatabase.AddText(command, "@subject_id", auditEvent.SubjectId);
            PeopleDatabase.AddText(command, "@ip", auditEvent.Ip);
            _database.AddJson(command, "@details", details);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<AuditPage> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        return _database.ReadAsync(async connection =>
        {
            var where = new StringBuilder("WHERE 1 = 1");
            await using var count = PeopleDatabase.Command(connection, null, string.Empty);
            await using var page = PeopleDatabase.Command(connection, null, string.Empty);
            void Filter(string condition, Action<DbCommand> add)
            {
                where.Append(" AND ").Append(condition);
                add(count);
                add(page);
            }

            if (query.From is { } from)
            {
                Filter("at >= @from", c => _database.AddTime(c, "@from", from));
            }

            if (query.To is { } to)
            {
                Filter("at <= @to", c => _database.AddTime(c, "@to", to));
            }

            foreach (var (column, value) in new[]
            {
                ("actor", query.Actor), ("action", query.Action), ("subject_type", query.SubjectType), ("subject_id", query.SubjectId),
            })
            {
                if (value is not null)
                {
                    Filter($"{column} = @{column}", c => PeopleDatabase.AddText(c, "@" + column, value));
                }
            }

            count.CommandText = $"SELECT count(*) FROM audit_events {where}";
            page.CommandText = $"""
                SELECT id, at, actor, actor_role, action, subject_type, subject_id, ip, details FROM audit_events {where}
                ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset
                """;
            PeopleDatabase.AddInteger(page, "@limit", query.Limit);
            PeopleDatabase.AddInteger(page, "@offset", query.Offset);
            var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<AuditEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new AuditEvent(
                    _database.ReadId(reader, 0), _database.ReadTime(reader, 1), reader.GetString(2), PeopleDatabase.ReadText(reader, 3),
                    reader.GetString(4), PeopleDatabase.ReadText(reader, 5), PeopleDatabase.ReadText(reader, 6), PeopleDatabase.ReadText(reader, 7),
                    ReadDetails(reader.GetString(8))));
            }

            return new AuditPage(items, total);
        }, cancellationToken);
    }

    private static Dictionary<string, string> ReadDetails(string json)
    {
        using var document = JsonDocument.Parse(json);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                details[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return details;
    }
}
