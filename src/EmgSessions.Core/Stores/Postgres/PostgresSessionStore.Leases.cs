using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    private const string ReclaimLeasesSql = """
        WITH freed AS (
            UPDATE processing_jobs SET locked_by = NULL, locked_until = NULL
            WHERE locked_by IS NOT NULL AND left(locked_by, length(@prefix)) = @prefix
            RETURNING session_id)
        SELECT count(*) FROM freed
        """;

    public Task<int> ReclaimLeasesAsync(string workerIdPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerIdPrefix);
        return Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(ReclaimLeasesSql);
            Add(command, "prefix", NpgsqlDbType.Text, workerIdPrefix);
            var count = (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (count > 0)
            {
                await using var notify = _dataSource.CreateCommand(NotifySql);
                await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        });
    }
}
