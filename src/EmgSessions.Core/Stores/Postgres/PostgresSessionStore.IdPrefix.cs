using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    // uuid order is the order of the hex text: a prefix is a range, answered by the primary key.
    private const string FindIdsByPrefixSql = """
        SELECT id FROM therapy_sessions WHERE id BETWEEN @lowest AND @highest ORDER BY id LIMIT @limit
        """;

    public Task<IReadOnlyList<Guid>> FindSessionIdsAsync(SessionIdPrefix prefix, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Guard<IReadOnlyList<Guid>>(async () =>
        {
            await using var command = _dataSource.CreateCommand(FindIdsByPrefixSql);
            Add(command, "lowest", NpgsqlDbType.Uuid, prefix.Lowest);
            Add(command, "highest", NpgsqlDbType.Uuid, prefix.Highest);
            Add(command, "limit", NpgsqlDbType.Integer, limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var ids = new List<Guid>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetGuid(0));
            }

            return ids;
        });
    }
}
