namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    // Ids are stored as lower-case 'D' text, whose order is the order of the UUIDs: a prefix is a range.
    private const string FindIdsByPrefixSql = """
        SELECT id FROM therapy_sessions WHERE id BETWEEN $lowest AND $highest ORDER BY id LIMIT $limit
        """;

    public Task<IReadOnlyList<Guid>> FindSessionIdsAsync(SessionIdPrefix prefix, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _database.ReadAsync<IReadOnlyList<Guid>>(connection =>
        {
            using var command = Command(connection, null, FindIdsByPrefixSql);
            command.Parameters.AddWithValue("$lowest", Id(prefix.Lowest));
            command.Parameters.AddWithValue("$highest", Id(prefix.Highest));
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var ids = new List<Guid>();
            while (reader.Read())
            {
                ids.Add(Guid.Parse(reader.GetString(0)));
            }

            return ids;
        }, cancellationToken);
    }
}
