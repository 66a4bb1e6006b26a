using System.Text.Json.Nodes;
using Npgsql;

namespace EmgSessions.Tests.Adoption;

/// <summary>
/// Every row of every base table of the public schema, as <c>to_jsonb(row)</c> keyed by its id (or session_id,
/// version, state, webhook_id), plus a per-row checksum (md5 of the row's text), so two snapshots can be compared
/// value by value.
/// </summary>
internal sealed class DatabaseSnapshot
{
    private const string TablesSql = """
        SELECT table_name::text FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1
        """;

    private DatabaseSnapshot(Dictionary<string, Dictionary<string, (JsonObject Row, string Checksum)>> tables) => Tables = tables;

    public Dictionary<string, Dictionary<string, (JsonObject Row, string Checksum)>> Tables { get; }

    public static async Task<DatabaseSnapshot> TakeAsync(string spec)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var command = new NpgsqlCommand(TablesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        var tables = new Dictionary<string, Dictionary<string, (JsonObject, string)>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var rows = new Dictionary<string, (JsonObject, string)>(StringComparer.Ordinal);
            await using var command = new NpgsqlCommand($"SELECT to_jsonb(t)::text, md5(t::text) FROM public.\"{name}\" t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = JsonNode.Parse(reader.GetString(0))!.AsObject();
                rows[KeyOf(row)] = (row, reader.GetString(1));
            }

            tables[name] = rows;
        }

        return new DatabaseSnapshot(tables);
    }

    public int Count(string table) => Tables.TryGetValue(table, out var rows) ? rows.Count : 0;

    public JsonObject Row(string table, Guid id) => Tables[table][id.ToString()].Row;

    private static string KeyOf(JsonObject row)
    {
        foreach (var key in new[] { "id", "session_id", "version", "state", "webhook_id" })
        {
            if (row[key] is { } value)
            {
                return value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }

        return row.ToJsonString();
    }
}
